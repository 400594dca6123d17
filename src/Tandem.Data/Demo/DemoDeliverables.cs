using System.Globalization;
using NodaTime;
using Tandem.Domain.Leads;

namespace Tandem.Data.Demo;

/// <summary>
/// The demo company's deliverables: blog posts, white papers and case studies most months (a
/// few short), about three campaigns a quarter that webinar, ebook and paid-social leads respond
/// to, a weekly performance report with sales' feedback (mostly within a few days, sometimes
/// late, sometimes never), and the product launches with a training session ahead of most (one
/// in four too late, one in five with none) and the reps named for it. It has its own random sequence, so the lead files are the same
/// with or without it; reps' use of content rides on the email touches the leads get.
/// </summary>
internal sealed class DemoDeliverables
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly string[] Topics = ["speed to lead", "lead scoring", "the sales handoff", "pipeline reviews", "buyer intent", "account planning", "renewals", "onboarding"];
    private static readonly string[] Products = ["Tandem Cloud", "Tandem Edge", "Insights add-on", "Mobile app", "Partner portal", "API v2"];

    private readonly SplitMix64 _random;
    private readonly DemoFiles _files;
    private readonly Instant _end;
    private readonly List<(string Id, Instant Published)> _pieces = [];
    private readonly List<(string Id, string LeadType, Instant From, Instant To)> _campaigns = [];

    public DemoDeliverables(ulong seed, Instant start, Instant end, DemoFiles files)
    {
        _random = new SplitMix64(seed ^ 0x5EED_DE11_7E4A_B1E5UL);
        _files = files;
        _end = end;
        var first = start.InZone(NewYork).Date;
        var last = end.InZone(NewYork).Date;
        for (var month = new LocalDate(first.Year, first.Month, 1); month <= last; month = month.PlusMonths(1)) Month(month);
        for (var quarter = new LocalDate(first.Year, (first.Month - 1) / 3 * 3 + 1, 1); quarter <= last; quarter = quarter.PlusMonths(3)) Quarter(quarter);
        for (var monday = first.PlusDays(7 - ((int)first.DayOfWeek - 1)); monday <= last; monday = monday.PlusDays(7)) Week(monday);
        var launch = first.PlusDays(45);
        for (var i = 0; launch <= last.PlusDays(30); i++, launch = launch.PlusDays(50 + _random.Below(30))) Training(i, launch);
    }

    /// <summary>A lead arrived: tied to the campaign that was running for its lead type, if any.</summary>
    public void Arrived(string leadId, Instant created, string leadType)
    {
        foreach (var campaign in _campaigns)
            if (campaign.LeadType == leadType && created >= campaign.From && created < campaign.To)
            {
                _files.CampaignLeads.Row(campaign.Id, leadId, DemoGenerator.Format(created));
                return;
            }
    }

    /// <summary>A touch was made: some emails carry the latest content piece.</summary>
    public void Touched(string touchId, string leadId, Instant at, TouchChannel channel, string rep)
    {
        if (channel != TouchChannel.Email || !_random.Chance(0.12)) return;
        var piece = _pieces.LastOrDefault(p => p.Published <= at && at - p.Published < Duration.FromDays(45));
        if (piece.Id is null) return;
        _files.ContentUses.Row($"U-{touchId}", piece.Id, DemoGenerator.Format(at), rep, touchId, leadId);
    }

    private void Month(LocalDate month)
    {
        (string Kind, string Prefix, int Count)[] plan =
        [
            ("blog post", "B", _random.Chance(0.2) ? 3 : 4),
            ("white paper", "W", _random.Chance(0.25) ? 1 : 2),
            ("case study", "S", _random.Chance(0.15) ? 0 : 1),
        ];
        foreach (var (kind, prefix, count) in plan)
            for (var n = 1; n <= count; n++)
            {
                var day = Weekday(month.PlusDays(_random.Below(month.Calendar.GetDaysInMonth(month.Year, month.Month))));
                var at = day.At(new LocalTime(10, 0)).InZoneLeniently(NewYork).ToInstant();
                if (at >= _end) continue;
                var id = string.Create(CultureInfo.InvariantCulture, $"{prefix}{month:yyyyMM}-{n}");
                var topic = Topics[_random.Below(Topics.Length)];
                _pieces.Add((id, at));
                _files.Content.Row(id, kind, DemoGenerator.Format(at), $"{char.ToUpperInvariant(topic[0])}{topic[1..]}: a {kind}", $"https://demo.example/content/{id.ToLowerInvariant()}", "Marketing");
            }
        _pieces.Sort((a, b) => a.Published.CompareTo(b.Published));
    }

    private void Quarter(LocalDate quarter)
    {
        string[] types = ["Webinar", "Ebook", "Paid social"];
        var count = _random.Chance(0.25) ? 2 : 3;
        for (var n = 0; n < count; n++)
        {
            var launched = Weekday(quarter.PlusDays(n * 28 + _random.Below(14))).At(new LocalTime(11, 0)).InZoneLeniently(NewYork).ToInstant();
            if (launched >= _end) continue;
            var id = string.Create(CultureInfo.InvariantCulture, $"C{quarter:yyyyMM}-{n + 1}");
            var type = types[n % types.Length];
            var to = launched + Duration.FromDays(21);
            _campaigns.Add((id, type, launched, to));
            _files.Campaigns.Row(id, $"{type} campaign {quarter:yyyy}-Q{(quarter.Month + 2) / 3} #{n + 1}", DemoGenerator.Format(launched), type.ToLowerInvariant(), DemoGenerator.Format(to));
        }
    }

    private void Week(LocalDate monday)
    {
        if (_random.Chance(0.08)) return; // a week without a report
        var delivered = monday.At(new LocalTime(9, 0)).InZoneLeniently(NewYork).ToInstant();
        if (delivered >= _end) return;
        var id = string.Create(CultureInfo.InvariantCulture, $"R{monday:yyyyMMdd}");
        _files.Reports.Row(id, $"Weekly performance, week of {monday:yyyy-MM-dd}", DemoGenerator.Format(delivered), $"https://demo.example/reports/{id.ToLowerInvariant()}");
        var roll = _random.NextDouble();
        if (roll < 0.1) return; // no feedback
        var days = roll < 0.85 ? 1 + _random.Below(5) : 8 + _random.Below(5);
        var given = delivered + Duration.FromDays(days) + Duration.FromHours(_random.Below(8));
        if (given >= _end) return;
        var rep = DemoCatalog.Reps[_random.Below(DemoCatalog.Reps.Count)];
        _files.ReportFeedback.Row($"F{id[1..]}", id, DemoGenerator.Format(given), rep.Id, roll < 0.5 ? "Useful; more on webinar leads, please." : "Agreed on the numbers.");
    }

    private void Training(int index, LocalDate launch)
    {
        var product = Products[index % Products.Length];
        if (launch.AtStartOfDayInZone(NewYork).ToInstant() < _end)
            _files.Launches.Row(string.Create(CultureInfo.InvariantCulture, $"PL{launch:yyyyMMdd}"), product, launch.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (index % 5 == 2) return; // a launch nobody trained the reps for
        var before = index % 4 == 3 ? 4 : 7 + _random.Below(6); // one launch in four gets its session late
        var held = Weekday(launch.PlusDays(-before)).At(new LocalTime(14, 0)).InZoneLeniently(NewYork).ToInstant();
        if (held >= _end) return;
        var id = string.Create(CultureInfo.InvariantCulture, $"TR{launch:yyyyMMdd}");
        _files.Trainings.Row(id, $"{product}: what reps need to know", product, launch.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DemoGenerator.Format(held));
        foreach (var rep in DemoCatalog.Reps)
            _files.Attendance.Row(id, rep.Id, _random.Chance(0.88) ? "yes" : "no");
    }

    /// <summary>The date, moved back to Friday when it falls on a weekend.</summary>
    private static LocalDate Weekday(LocalDate date) => date.DayOfWeek switch
    {
        IsoDayOfWeek.Saturday => date.PlusDays(-1),
        IsoDayOfWeek.Sunday => date.PlusDays(-2),
        _ => date,
    };
}
