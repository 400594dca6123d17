using System.Globalization;
using System.Text;
using CsvHelper;
using NodaTime;
using NodaTime.Text;
using Tandem.Data.Import;
using Tandem.Domain.Leads;

namespace Tandem.Data.Demo;

/// <summary>
/// Writes a realistic, deterministic demo data set in the generic import format: an agreement file
/// and <c>leads.csv</c>, <c>stages.csv</c>, <c>touches.csv</c>, <c>deals.csv</c>, <c>reps.csv</c>, and
/// the deliverables (<see cref="DemoDeliverables"/>: content, campaigns, reports, trainings).
/// Leads arrive in business-hours-shaped waves over a year; lead types convert differently; reps
/// follow up on a cadence, mostly on time, some late, some never; deals close weeks to months
/// later. Nothing happens after the as-of instant, so the latest leads have clocks running.
/// It streams: memory does not grow with the number of leads.
/// </summary>
public static class DemoGenerator
{
    private static readonly OffsetDateTimePattern Time = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<Z+HH:mm>");
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    /// <summary>The relative number of leads arriving in each hour of a New York day.</summary>
    private static readonly double[] HourWeights = [0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.5, 3, 5, 6, 6, 5, 5.5, 6, 5.5, 4.5, 3, 2, 1.5, 1.2, 1, 0.6, 0.4];

    /// <summary>Writes the files into <paramref name="folder"/> (created if needed) and returns what it wrote.</summary>
    public static DemoCounts Write(DemoOptions options, string folder)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Leads < 1) throw new ArgumentOutOfRangeException(nameof(options), "at least one lead");
        Directory.CreateDirectory(folder);
        var random = new SplitMix64(options.Seed);
        File.WriteAllText(Path.Combine(folder, "agreement.yaml"), DemoAgreement.Text(options), new UTF8Encoding(false));

        using var files = new DemoFiles(folder);
        foreach (var rep in DemoCatalog.Reps)
            files.Reps.Row(rep.Id, rep.Name, $"{rep.Id}@demo.example", rep.Team, rep.TimeZone, rep.StartDate,
                rep.WeeklyHours.ToString(CultureInfo.InvariantCulture), rep.MarketingShare);

        var end = options.AsOf;
        var start = end.InZone(NewYork).Date.PlusMonths(-options.Months).AtStartOfDayInZone(NewYork).ToInstant();
        var deliverables = new DemoDeliverables(options.Seed, start, end, files);
        var index = 0;
        foreach (var (day, count) in DailyCounts(options.Leads, start, end, random))
        {
            var times = new List<Instant>(count);
            for (var k = 0; k < count; k++) times.Add(ArrivalOn(day, end, random));
            times.Sort();
            foreach (var created in times) new DemoLead(++index, created, end, random, files, deliverables).Write();
        }
        return new DemoCounts(files.Leads.Count, files.Stages.Count, files.Touches.Count, files.Deals.Count, files.Reps.Count)
        {
            Deliverables =
            [
                ("content.csv", files.Content.Count), ("content-uses.csv", files.ContentUses.Count), ("campaigns.csv", files.Campaigns.Count),
                ("campaign-leads.csv", files.CampaignLeads.Count), ("reports.csv", files.Reports.Count), ("report-feedback.csv", files.ReportFeedback.Count), ("launches.csv", files.Launches.Count),
                ("trainings.csv", files.Trainings.Count), ("attendance.csv", files.Attendance.Count),
            ],
        };
    }

    /// <summary>Formats an instant as the files write times: ISO 8601 with an explicit offset (UTC).</summary>
    public static string Format(Instant instant) => Time.Format(instant.WithOffset(Offset.Zero));

    /// <summary>Leads per New York calendar day: weekdays busier than weekends, a gentle growth, summing to exactly <paramref name="total"/>.</summary>
    private static IEnumerable<(LocalDate Day, int Count)> DailyCounts(int total, Instant start, Instant end, SplitMix64 random)
    {
        var days = new List<(LocalDate Day, double Weight)>();
        var first = start.InZone(NewYork).Date;
        var last = end.InZone(NewYork).Date;
        var span = Period.Between(first, last, PeriodUnits.Days).Days + 1;
        for (var (day, i) = (first, 0); day <= last; day = day.PlusDays(1), i++)
        {
            var weekday = day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? 0.25 : 1.0;
            var growth = 0.8 + 0.4 * i / Math.Max(1, span - 1);
            var noise = 0.85 + 0.3 * random.NextDouble();
            days.Add((day, weekday * growth * noise));
        }
        // Largest remainder: the counts add up to the total exactly.
        var sum = days.Sum(d => d.Weight);
        var shares = days.Select(d => total * d.Weight / sum).ToArray();
        var counts = shares.Select(s => (int)Math.Floor(s)).ToArray();
        foreach (var i in Enumerable.Range(0, days.Count).OrderByDescending(i => shares[i] - counts[i]).ThenBy(i => i).Take(total - counts.Sum()))
            counts[i]++;
        for (var i = 0; i < days.Count; i++)
            if (counts[i] > 0) yield return (days[i].Day, counts[i]);
    }

    /// <summary>An arrival on <paramref name="day"/> shaped by the hour weights, always before <paramref name="end"/>.</summary>
    private static Instant ArrivalOn(LocalDate day, Instant end, SplitMix64 random)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var hour = random.Pick(HourWeights);
            var arrival = day.At(new LocalTime(hour, random.Below(60), random.Below(60))).InZoneLeniently(NewYork).ToInstant();
            if (arrival < end) return arrival;
        }
        // The as-of day, early: spread what is left over the part of the day already gone.
        var dayStart = day.AtStartOfDayInZone(NewYork).ToInstant();
        return dayStart + Duration.FromSeconds((long)((end - dayStart).TotalSeconds * random.NextDouble()));
    }
}
