using System.Globalization;
using System.Text;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Tandem.Domain.Planning;

namespace Tandem.Data.Agreements;

/// <summary>
/// Writes an agreement as an agreement file that <see cref="AgreementFile.Parse"/> reads back to
/// the same agreement. Rates and shares are written as percentages when that is exact (23%,
/// 33.5%) and as ratios otherwise (1/3), so no value drifts on a round trip.
/// </summary>
public static class AgreementFileWriter
{
    /// <summary>The file text for <paramref name="agreement"/>.</summary>
    public static string Write(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var w = new StringBuilder();
        var plan = agreement.Plan;
        w.Append("schemaVersion: ").Append(Agreement.CurrentSchemaVersion).Append('\n');
        w.Append("name: ").Append(Quote(agreement.Name)).Append('\n');
        w.Append("period: ").Append(Quote(agreement.Period.ToString())).Append('\n');
        w.Append("currency: ").Append(agreement.Currency).Append('\n');
        w.Append("quota: ").Append(Number(plan.Quota)).Append('\n');
        w.Append("marketingShare: ").Append(Proportion(plan.MarketingShare.Value)).Append('\n');
        if (plan.DealSize is { } dealSize) w.Append("dealSize: ").Append(Number(dealSize)).Append('\n');
        w.Append("goal: ").Append(plan.Goal == GoalKind.Value ? "value" : "count").Append('\n');
        w.Append("tolerance: ").Append(Proportion(agreement.Tolerance.Band.Value)).Append('\n');
        w.Append("pacing: ").Append(agreement.Pacing == PacingBasis.WorkingDays ? "working-days" : "calendar-days").Append('\n');
        w.Append("salesCycle: ").Append(agreement.SalesCyclePeriods).Append('\n');
        if (plan.Funnel is { } funnel) WriteFunnel(w, "funnel", funnel, "");
        if (plan.Segments.Count > 0)
        {
            w.Append("segments:\n");
            foreach (var s in plan.Segments)
            {
                w.Append("  - name: ").Append(Quote(s.Name)).Append('\n');
                w.Append("    share: ").Append(Proportion(s.Share.Value)).Append('\n');
                if (s.DealSize is { } size) w.Append("    dealSize: ").Append(Number(size)).Append('\n');
                if (s.Funnel is { } f) WriteFunnel(w, "funnel", f, "    ");
            }
        }
        if (plan.LeadTypes.Count > 0)
        {
            w.Append("leadTypes:\n");
            foreach (var t in plan.LeadTypes)
            {
                w.Append("  - name: ").Append(Quote(t.Name)).Append('\n');
                w.Append("    generatedBy: ").Append(t.Origin == LeadOrigin.Sales ? "sales" : "marketing").Append('\n');
                if (t.Quality is { } quality) w.Append("    quality: ").Append(Quote(quality)).Append('\n');
                if (t.Value is { } value) w.Append("    value: ").Append(Number(value)).Append('\n');
                if (t.Mix is { } mix) w.Append("    mix: ").Append(Proportion(mix.Value)).Append('\n');
                if (t.Funnel is { } f) WriteFunnel(w, "funnel", f, "    ");
            }
        }
        WriteCalendar(w, agreement.Calendar);
        WriteTeams(w, agreement.Teams);
        WriteSales(w, agreement.Sales);
        WriteCapacity(w, agreement.Capacity);
        DeliverablesSection.Write(w, agreement.Deliverables);
        WriteSignatories(w, agreement);
        return w.ToString();
    }

    private static void WriteFunnel(StringBuilder w, string key, Funnel funnel, string indent)
    {
        w.Append(indent).Append(key).Append(":\n");
        foreach (var stage in funnel.Stages)
            w.Append(indent).Append("  - stage: ").Append(Quote(stage.Name)).Append('\n')
             .Append(indent).Append("    rate: ").Append(Proportion(stage.Rate.Value)).Append('\n');
    }

    /// <summary>
    /// A calendar under <paramref name="indent"/>. A team's calendar is written whole, holidays
    /// included even when there are none, since keys it leaves out would come from the agreement's.
    /// </summary>
    private static void WriteCalendar(StringBuilder w, BusinessCalendar calendar, string indent = "", bool whole = false)
    {
        w.Append(indent).Append("calendar:\n");
        w.Append(indent).Append("  timeZone: ").Append(calendar.Zone.Id).Append('\n');
        w.Append(indent).Append("  workingHours:\n");
        var week = calendar.Week;
        string Hours(IsoDayOfWeek day) => week.TryGetValue(day, out var intervals) ? Intervals(intervals) : "off";
        var weekdays = Enumerable.Range(1, 5).Select(d => Hours((IsoDayOfWeek)d)).Distinct().ToList();
        if (weekdays.Count == 1 && weekdays[0] != "off") w.Append(indent).Append("    weekdays: ").Append(weekdays[0]).Append('\n');
        for (var d = 1; d <= 7; d++)
        {
            var hours = Hours((IsoDayOfWeek)d);
            if (d <= 5 && weekdays.Count == 1 && weekdays[0] != "off") continue;
            if (d > 5 && hours == "off") continue;
            w.Append(indent).Append("    ").Append(CalendarSection.Days[d - 1]).Append(": ").Append(hours).Append('\n');
        }
        if (calendar.Holidays.Count == 0)
        {
            if (whole) w.Append(indent).Append("  holidays: []\n");
            return;
        }
        w.Append(indent).Append("  holidays:\n");
        foreach (var holiday in calendar.Holidays)
        {
            var text = holiday switch
            {
                Holiday.OnDate on => on.Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
                Holiday.Yearly yearly => yearly.Date.ToString("MM-dd", CultureInfo.InvariantCulture),
                _ => throw new NotSupportedException(holiday.GetType().Name),
            };
            w.Append(indent).Append("    - ").Append(Quote(text)).Append('\n');
        }
    }

    private static void WriteTeams(StringBuilder w, IReadOnlyList<Team> teams)
    {
        if (teams.Count == 0) return;
        w.Append("teams:\n");
        foreach (var team in teams)
        {
            w.Append("  - name: ").Append(Quote(team.Name)).Append('\n');
            if (team.Segments.Count > 0) w.Append("    segments: [").Append(string.Join(", ", team.Segments.Select(Quote))).Append("]\n");
            WriteCalendar(w, team.Calendar, "    ", whole: true);
        }
    }

    private static void WriteSignatories(StringBuilder w, Agreement agreement)
    {
        if (agreement.ReviewMonths != 3) w.Append("reviewEvery: ").Append(Quote(SignatoriesSection.Word(agreement.ReviewMonths))).Append('\n');
        if (agreement.Signatories.Count == 0) return;
        w.Append("signatories:\n");
        foreach (var s in agreement.Signatories)
        {
            w.Append("  - name: ").Append(Quote(s.Name)).Append('\n');
            w.Append("    side: ").Append(Signatory.Word(s.Side)).Append('\n');
            if (s.Title is { } title) w.Append("    title: ").Append(Quote(title)).Append('\n');
            if (s.Email is { } email) w.Append("    email: ").Append(Quote(email)).Append('\n');
        }
    }

    private static void WriteCapacity(StringBuilder w, Tandem.Domain.Capacity.CapacitySettings? capacity)
    {
        if (capacity is null) return;
        w.Append("capacity:\n");
        if (capacity.ChannelMinutes.Count == 0) w.Append("  minutesPerAttempt: ").Append(Number(capacity.DefaultMinutes)).Append('\n');
        else
        {
            w.Append("  minutesPerAttempt:\n");
            foreach (var (channel, minutes) in capacity.ChannelMinutes.OrderBy(c => c.Key, StringComparer.Ordinal))
                w.Append("    ").Append(channel).Append(": ").Append(Number(minutes)).Append('\n');
            w.Append("    default: ").Append(Number(capacity.DefaultMinutes)).Append('\n');
        }
        if (capacity.Ramp.Count > 0) w.Append("  ramp: [").Append(string.Join(", ", capacity.Ramp.Select(r => Proportion(r.Value)))).Append("]\n");
        if (capacity.Team is not { } team) return;
        w.Append("  reps: ").Append(team.Reps).Append('\n');
        w.Append("  hoursPerWeek: ").Append(Number(team.HoursPerWeek)).Append('\n');
        w.Append("  marketingShare: ").Append(Proportion(team.MarketingShare.Value)).Append('\n');
    }

    private static string Intervals(IReadOnlyList<WorkingInterval> intervals) =>
        intervals.Count == 1 ? Quote(intervals[0].ToString()) : "[" + string.Join(", ", intervals.Select(i => Quote(i.ToString()))) + "]";

    private static void WriteSales(StringBuilder w, SalesCommitments sales)
    {
        w.Append("sales:\n");
        w.Append("  handoffStage: ").Append(Quote(sales.HandoffStage)).Append('\n');
        w.Append("  warnAt: ").Append(Proportion(sales.WarnAt.Value)).Append('\n');
        w.Append("  resetOnReassign: ").Append(sales.ResetOnReassign ? "true" : "false").Append('\n');
        WriteSpeed(w, sales.Speed, "  ");
        WriteDepth(w, sales.Depth, "  ");
        if (sales.Rules.Count == 0) return;
        w.Append("  rules:\n");
        foreach (var rule in sales.Rules)
        {
            w.Append("    - name: ").Append(Quote(rule.Name)).Append('\n');
            var conditions = new[] { ("segment", rule.Segment), ("leadType", rule.LeadType), ("tier", rule.Tier) }.Where(c => c.Item2 is not null).ToList();
            if (conditions.Count > 0)
            {
                w.Append("      when:\n");
                foreach (var (key, value) in conditions) w.Append("        ").Append(key).Append(": ").Append(Quote(value!)).Append('\n');
            }
            if (rule.Speed is { } speed) WriteSpeed(w, speed, "      ");
            if (rule.Depth is { } depth) WriteDepth(w, depth, "      ");
        }
    }

    private static void WriteSpeed(StringBuilder w, SpeedCommitment speed, string indent)
    {
        w.Append(indent).Append("speed:\n");
        w.Append(indent).Append("  firstTouchWithin: ").Append(DurationText.FormatMinutes(speed.Minutes)).Append('\n');
        w.Append(indent).Append("  clock: ").Append(speed.Clock == ClockKind.Wall ? "wall" : "working").Append('\n');
    }

    private static void WriteDepth(StringBuilder w, DepthCommitment depth, string indent)
    {
        w.Append(indent).Append("depth:\n");
        w.Append(indent).Append("  attempts: ").Append(depth.TargetAttempts).Append('\n');
        w.Append(indent).Append("  days: ").Append(depth.Days == DayKind.Working ? "working" : "calendar").Append('\n');
        w.Append(indent).Append(depth.Cadence.Count == 0 ? "  cadence: []\n" : "  cadence:\n");
        foreach (var step in depth.Cadence)
            w.Append(indent).Append("    - attempts: ").Append(step.Attempts).Append('\n')
             .Append(indent).Append("      within: ").Append(DurationText.FormatDays(step.WithinDays)).Append('\n');
    }

    /// <summary>A percentage when exact with at most 6 decimals, else the reduced ratio.</summary>
    internal static string Proportion(Fraction value)
    {
        var percent = value * 100;
        var asDecimal = percent.ToDecimal(6);
        return Fraction.FromDecimal(asDecimal) == percent
            ? asDecimal.ToString(CultureInfo.InvariantCulture) + "%"
            : $"{value.Numerator}/{value.Denominator}";
    }

    private static string Number(Fraction value)
    {
        var asDecimal = value.ToDecimal(10);
        return Fraction.FromDecimal(asDecimal) == value ? asDecimal.ToString(CultureInfo.InvariantCulture) : $"{value.Numerator}/{value.Denominator}";
    }

    /// <summary>Double-quoted YAML text, so names such as "no" or "12:30" stay strings.</summary>
    internal static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
