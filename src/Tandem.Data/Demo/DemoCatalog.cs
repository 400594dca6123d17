namespace Tandem.Data.Demo;

/// <summary>A demo segment: its share of leads and its deal sizes.</summary>
public sealed record DemoSegment(string Name, double LeadShare, decimal DealSize);

/// <summary>A demo lead type: who generates it, its share of leads, and how well it converts.</summary>
public sealed record DemoLeadType(string Name, bool Marketing, double LeadShare, double MqlRate, double SqlRate, double OpportunityRate, double WinRate);

/// <summary>A demo rep.</summary>
public sealed record DemoRep(string Id, string Name, string Team, string TimeZone, string StartDate, decimal WeeklyHours, string MarketingShare);

/// <summary>The fixed cast of the demo company: 3 segments, 5 lead types of different quality, 8 reps in two time zones.</summary>
public static class DemoCatalog
{
    /// <summary>Segments.</summary>
    public static IReadOnlyList<DemoSegment> Segments { get; } =
    [
        new("SMB", 0.60, 2_400m),
        new("Mid-Market", 0.30, 12_000m),
        new("Enterprise", 0.10, 60_000m),
    ];

    /// <summary>Lead types, from the best converting to the worst.</summary>
    public static IReadOnlyList<DemoLeadType> LeadTypes { get; } =
    [
        new("Demo request", true, 0.15, 0.97, 0.55, 0.60, 0.35),
        new("Webinar", true, 0.20, 0.88, 0.35, 0.50, 0.25),
        new("Ebook", true, 0.35, 0.75, 0.20, 0.40, 0.20),
        new("Paid social", true, 0.20, 0.80, 0.15, 0.35, 0.15),
        new("Outbound", false, 0.10, 0.92, 0.40, 0.50, 0.25),
    ];

    /// <summary>Reps: four in New York (East), four in Berlin (EMEA); two still ramping.</summary>
    public static IReadOnlyList<DemoRep> Reps { get; } =
    [
        new("rep-01", "Maya Chen", "East", "America/New_York", "2023-02-06", 40m, "70%"),
        new("rep-02", "Luis O'Connor", "East", "America/New_York", "2022-09-12", 40m, "70%"),
        new("rep-03", "Priya Natarajan", "East", "America/New_York", "2024-05-20", 40m, "60%"),
        new("rep-04", "Sam \"Ace\" Rivera", "East", "America/New_York", "", 32m, "80%"),
        new("rep-05", "Jonas Müller", "EMEA", "Europe/Berlin", "2021-11-01", 40m, "70%"),
        new("rep-06", "Zoë Dubois", "EMEA", "Europe/Berlin", "2023-08-14", 40m, "70%"),
        new("rep-07", "Ana-Lucía Ferreira", "EMEA", "Europe/Berlin", "2024-01-08", 38.5m, "65%"),
        new("rep-08", "Mikko Virtanen", "EMEA", "Europe/Berlin", "", 40m, "75%"),
    ];

    /// <summary>First names, including ones that break naive code (quotes, commas, markup, formulas, scripts).</summary>
    public static IReadOnlyList<string> FirstNames { get; } =
    [
        "Ann", "Bob", "Chloé", "Dmitri", "Émile", "Fatima", "Grace", "Hiro", "Ingrid", "José", "Kwame", "Li", "Mohammed", "Nadia",
        "Olu", "Pia", "Quinn", "Rosa", "Søren", "Tomás", "Uma", "Valentina", "Wei", "Xavier", "Yara", "Zeynep",
    ];

    /// <summary>Last names.</summary>
    public static IReadOnlyList<string> LastNames { get; } =
    [
        "Adams", "Bauer", "Costa", "D'Souza", "Eriksen", "Fischer", "García", "Hansen", "Ibrahim", "Jensen", "Kim", "López",
        "Müller", "Nakamura", "O'Brien", "Petrov", "Quispe", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Wójcik", "Yilmaz", "Zhang",
    ];

    /// <summary>Text a web form lets anyone type: every demo data set carries some, so every page is tested against it.</summary>
    public static IReadOnlyList<string> HostileNames { get; } =
    [
        "<script>alert('xss')</script>",
        "=HYPERLINK(\"http://example.com\",\"click\")",
        "+1+1",
        "@SUM(A1:A9)",
        "Robert'); DROP TABLE leads;--",
        "Smith, \"Jr.\"",
        "Line\nBreak",
        "عبد الله",
        "🦄 Unicorn",
        "   padded   ",
        "<img src=x onerror=alert(1)>",
    ];

    /// <summary>Company name parts.</summary>
    public static IReadOnlyList<string> Companies { get; } =
    [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Wonka",
        "Aperture", "Black Mesa", "Massive Dynamic", "Pied Piper", "Monarch", "Oscorp", "Gringotts", "Dunder Mifflin",
    ];

    /// <summary>Job titles.</summary>
    public static IReadOnlyList<string> Titles { get; } =
        ["CEO", "CTO", "VP Marketing", "Head of Sales", "Marketing Manager", "IT Director", "Founder", "Operations Lead", "Analyst", "Procurement"];
}
