using Tandem.Domain.Leads;

namespace Tandem.Data.Import;

/// <summary>
/// The CRM presets. Each reads the columns documented in docs/import-formats.md and reports the
/// rest as ignored; none guesses at a column it does not know.
/// </summary>
public static class PresetLayouts
{
    /// <summary>HubSpot's "Became a ... Date" columns and the stage each one dates.</summary>
    public static IReadOnlyList<(string Column, string Stage)> HubSpotStageDates { get; } =
    [
        ("Became a Lead Date", LeadStages.Lead),
        ("Became a Marketing Qualified Lead Date", LeadStages.Mql),
        ("Became a Sales Qualified Lead Date", LeadStages.Sql),
        ("Became an Opportunity Date", LeadStages.Opportunity),
        ("Became a Customer Date", LeadStages.Customer),
    ];

    /// <summary>A HubSpot contacts export: leads, and their stage history from the "Became a ... Date" columns.</summary>
    public static RowMapper HubSpotContacts(HeaderColumns columns, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var time = CellReaders.Time(TimeText.Iso);
        var bound = new List<BoundField>();
        Require(columns, ["Record ID", "Contact ID"], ["Create Date", "Create date"]);
        Bind(bound, columns, "id", true, CellReaders.Text, "Record ID", "Contact ID");
        Bind(bound, columns, "created_at", true, time, "Create Date");
        Bind(bound, columns, "lead_type", false, CellReaders.Text, "Original Source", "Original Source Type");
        Bind(bound, columns, "segment", false, CellReaders.Text, "Segment");
        Bind(bound, columns, "owner", false, CellReaders.Text, "Contact owner", "HubSpot Owner");
        BindName(bound, columns);
        Bind(bound, columns, "email", false, CellReaders.Text, "Email");
        Bind(bound, columns, "company", false, CellReaders.Text, "Company Name", "Company");
        Bind(bound, columns, "title", false, CellReaders.Text, "Job Title");
        var derived = HubSpotStageDates
            .Select(d => (d.Stage, d.Column, Index: columns.IndexOf(d.Column)))
            .Where(d => d.Index >= 0)
            .Select(d => new DerivedStage(d.Stage, d.Column, d.Index, time))
            .ToList();
        // Read to check the current stage has a date; the history itself comes from the date columns.
        var lifecycle = columns.IndexOf("Lifecycle Stage");
        return new RowMapper(ImportKind.Leads, context, bound, derived, columns.Unused(), columns.Count)
        {
            CurrentStageIndex = lifecycle,
        };
    }

    /// <summary>A Salesforce leads report: leads, and the SQL stage from "Converted Date".</summary>
    public static RowMapper SalesforceLeads(HeaderColumns columns, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var time = CellReaders.Time(TimeText.UsReports);
        var bound = new List<BoundField>();
        Require(columns, ["Lead ID", "Lead ID (18)", "Id"], ["Created Date", "Create Date"]);
        Bind(bound, columns, "id", true, CellReaders.Text, "Lead ID (18)", "Lead ID", "Id");
        Bind(bound, columns, "created_at", true, time, "Created Date", "Create Date");
        Bind(bound, columns, "lead_type", false, CellReaders.Text, "Lead Source");
        Bind(bound, columns, "segment", false, CellReaders.Text, "Segment");
        Bind(bound, columns, "owner", false, CellReaders.Text, "Lead Owner", "Owner Name", "Owner");
        BindName(bound, columns);
        Bind(bound, columns, "email", false, CellReaders.Text, "Email");
        Bind(bound, columns, "company", false, CellReaders.Text, "Company / Account", "Company");
        Bind(bound, columns, "title", false, CellReaders.Text, "Title");
        var converted = columns.IndexOf("Converted Date");
        List<DerivedStage> derived = converted < 0 ? [] : [new DerivedStage(LeadStages.Sql, "Converted Date", converted, time)];
        return new RowMapper(ImportKind.Leads, context, bound, derived, columns.Unused(), columns.Count);
    }

    private static void Require(HeaderColumns columns, params string[][] alternatives)
    {
        var missing = alternatives.Where(a => !a.Any(columns.Has)).Select(a => a.Length == 1 ? a[0] : $"{a[0]} (or {string.Join(", ", a.Skip(1))})").ToList();
        if (missing.Count > 0) columns.RequirePresent(missing, ImportKind.Leads);
    }

    private static void Bind(List<BoundField> bound, HeaderColumns columns, string field, bool required, CellReader read, params string[] names)
    {
        var index = columns.IndexOf(names);
        if (index < 0) return;
        var generic = GenericFields.Leads.Single(f => f.Name == field);
        bound.Add(new BoundField(generic with { Required = required, Read = read }, names.First(columns.Has), r => ImportLayouts.Cell(r, index)));
    }

    /// <summary>The name from "First Name" and "Last Name" (either may be missing), or from a single "Name"/"Full Name" column.</summary>
    private static void BindName(List<BoundField> bound, HeaderColumns columns)
    {
        var name = GenericFields.Leads.Single(f => f.Name == "name");
        var first = columns.IndexOf("First Name");
        var last = columns.IndexOf("Last Name");
        if (first >= 0 || last >= 0)
        {
            var label = first >= 0 && last >= 0 ? "First Name/Last Name" : first >= 0 ? "First Name" : "Last Name";
            bound.Add(new BoundField(name, label, r => $"{(first >= 0 ? ImportLayouts.Cell(r, first).Trim() : "")} {(last >= 0 ? ImportLayouts.Cell(r, last).Trim() : "")}".Trim()));
            return;
        }
        var full = columns.IndexOf("Name", "Full Name");
        if (full >= 0) bound.Add(new BoundField(name, "Name", r => ImportLayouts.Cell(r, full)));
    }
}
