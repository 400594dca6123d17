using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;

namespace Tandem.Domain.Clocks;

/// <summary>Where a handoff fell in the receiving rep's working hours.</summary>
public enum HandoffTiming
{
    /// <summary>Inside a shift: the clock starts counting at once.</summary>
    InWorkingHours,
    /// <summary>On a working day, before its next shift.</summary>
    BeforeWorkingHours,
    /// <summary>On a working day, after its last shift.</summary>
    AfterWorkingHours,
    /// <summary>On a working day, between two of its shifts (a break).</summary>
    BetweenShifts,
    /// <summary>On a day of the week without working hours.</summary>
    DayOff,
    /// <summary>On a holiday.</summary>
    Holiday,
}

/// <summary>A stretch of working time a clock counted, from (included) to (excluded).</summary>
public sealed record WorkingStretch(Instant From, Instant To)
{
    /// <summary>How long the stretch is.</summary>
    public Duration Length => To - From;
}

/// <summary>
/// One deadline of a clock and how it was set: speed has one; depth one per cadence step.
/// <see cref="Step"/> counts from 1 (speed: 1); <see cref="Attempts"/> is what the step requires
/// (speed: the first touch); <see cref="Rule"/> says how the deadline follows from the handoff.
/// </summary>
public sealed record ExplainedDeadline(int Step, int Attempts, Instant Deadline, Instant Warning, string Rule);

/// <summary>
/// Why a clock's deadline is where it is: the handoff as the receiving rep's calendar reads it
/// (weekday, time, zone, inside working hours or not), the instant working time starts counting,
/// the stretches of working time that set the deadline, the warning and the deadline. It is built
/// by the clock code itself (<see cref="SpeedClock"/>, <see cref="DepthClock"/>), so its
/// <see cref="Deadline"/> is always the clock's <see cref="ClockTimeline.Due"/>.
/// </summary>
public sealed record ClockExplanation(
    ClockCommitment Commitment,
    Instant HandedOffAt,
    DateTimeZone Zone,
    HandoffTiming Timing,
    Instant CountsFrom,
    IReadOnlyList<WorkingStretch> Stretches,
    IReadOnlyList<ExplainedDeadline> Deadlines,
    ClockTimeline Timeline)
{
    private static readonly LocalDateTimePattern Moment = LocalDateTimePattern.Create("dddd d MMMM HH':'mm", CultureInfo.InvariantCulture);
    private static readonly LocalDatePattern Day = LocalDatePattern.Create("dddd d MMMM", CultureInfo.InvariantCulture);

    /// <summary>The deadline that decides the clock (the timeline's due instant).</summary>
    public Instant Deadline => Timeline.Due;

    /// <summary>The deadline entry that decides the clock: the step the clock ended on, else the last.</summary>
    public ExplainedDeadline? Decisive => Deadlines.LastOrDefault(d => d.Deadline == Deadline) ?? (Deadlines.Count > 0 ? Deadlines[^1] : null);

    /// <summary>When the deciding deadline's warning falls.</summary>
    public Instant? Warning => Decisive?.Warning;

    /// <summary>"handed off Monday 30 November 20:34 Europe/Berlin, after working hours".</summary>
    public string Handoff => $"handed off {Local(HandedOffAt)} {Zone.Id}" + Timing switch
    {
        HandoffTiming.InWorkingHours => ", in working hours",
        HandoffTiming.BeforeWorkingHours => ", before working hours",
        HandoffTiming.AfterWorkingHours => ", after working hours",
        HandoffTiming.BetweenShifts => ", in a break between working hours",
        HandoffTiming.DayOff => $", a day without working hours",
        _ => ", a holiday",
    };

    /// <summary>The working hours the deadline was counted in: "Friday 4 December 16:50-17:00 (10 min), Monday 7 December 09:00-09:20 (20 min)"; empty when none were counted.</summary>
    public string WorkingHours => string.Join(", ", Stretches.Select(s =>
        $"{Local(s.From)}-{s.To.InZone(Zone).LocalDateTime.TimeOfDay:HH':'mm} ({Minutes(s.Length)} min)"));

    /// <summary>The whole reason, in the rep's zone: the handoff, then each deadline's rule.</summary>
    public string Why => $"{char.ToUpperInvariant(Handoff[0])}{Handoff[1..]}; " + string.Join("; ", Deadlines.Select(d => d.Rule)) + ".";

    /// <summary>An instant as the rep's calendar reads it: "Tuesday 1 December 09:30".</summary>
    public string Local(Instant at) => Moment.Format(at.InZone(Zone).LocalDateTime);

    internal static string DayOf(LocalDate date) => Day.Format(date);

    internal static long Minutes(Duration d) => (long)Math.Round(d.TotalMinutes, MidpointRounding.AwayFromZero);
}

/// <summary>Builds <see cref="ClockExplanation"/>s with the clocks' own code and calendar.</summary>
public static class ClockExplainer
{
    /// <summary>Why the speed clock of <paramref name="input"/> is due when it is.</summary>
    public static ClockExplanation Speed(ClockInput input, SpeedCommitment speed)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(speed);
        var timeline = SpeedClock.Build(input, speed);
        var calendar = input.Calendar;
        var allowed = Duration.FromMinutes(speed.Minutes);
        var due = timeline.Due;
        var probe = new ClockExplanation(ClockCommitment.Speed, input.Start, calendar.Zone, Timing(calendar, input.Start), input.Start, [], [], timeline);
        if (speed.Clock == ClockKind.Wall)
        {
            var warn = input.Start + input.WarningPart(allowed);
            var rule = $"first touch within {speed.Minutes} minutes of wall-clock time, whatever the working hours: due {probe.Local(due)}";
            return probe with { Deadlines = [new ExplainedDeadline(1, 1, due, warn, rule)] };
        }
        var stretches = Counted(calendar, input.Start, due);
        var from = stretches.Count > 0 ? stretches[0].From : input.Start;
        var warning = calendar.AddWorkingTime(input.Start, input.WarningPart(allowed));
        var counted = from == input.Start ? "from the handoff" : $"from {probe.Local(from)}";
        var withHours = probe with { Stretches = stretches };
        var hours = stretches.Count > 1 ? $" (working hours {withHours.WorkingHours})" : "";
        var text = $"{speed.Minutes} working minutes {counted}{hours}: due {probe.Local(due)}";
        return probe with { CountsFrom = from, Stretches = stretches, Deadlines = [new ExplainedDeadline(1, 1, due, warning, text)] };
    }

    /// <summary>Why each step of the depth clock of <paramref name="input"/> is due when it is.</summary>
    public static ClockExplanation Depth(ClockInput input, DepthCommitment depth)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(depth);
        var timeline = DepthClock.Build(input, depth);
        var calendar = input.Calendar;
        var probe = new ClockExplanation(ClockCommitment.Depth, input.Start, calendar.Zone, Timing(calendar, input.Start), input.Start, [], [], timeline);
        var handoffDay = input.Start.InZone(calendar.Zone).Date;
        var deadlines = new List<ExplainedDeadline>();
        for (var i = 0; i < depth.Cadence.Count; i++)
        {
            var step = depth.Cadence[i];
            var deadline = DepthClock.Deadline(input.Start, calendar, depth, step);
            var warning = input.Start + input.WarningPart(deadline - input.Start);
            var required = depth.RequiredAt(step);
            var what = $"{required} attempt{(required == 1 ? "" : "s")} within {step.WithinDays} {(depth.Days == DayKind.Calendar ? "calendar" : "working")} day{(step.WithinDays == 1 ? "" : "s")}";
            string rule;
            if (depth.Days == DayKind.Calendar)
            {
                rule = $"{what}: by {probe.Local(deadline)}";
            }
            else
            {
                // The working days counted: those after the handoff's day up to the deadline's (which ends at midnight).
                var last = (deadline - Duration.FromMilliseconds(1)).InZone(calendar.Zone).Date;
                var days = new List<LocalDate>();
                for (var d = handoffDay.PlusDays(1); d <= last; d = d.PlusDays(1))
                    if (calendar.IsWorkingDay(d)) days.Add(d);
                var listed = days.Count <= 10 ? $" ({string.Join(", ", days.Select(d => d.ToString("ddd d MMM", CultureInfo.InvariantCulture)))})" : "";
                rule = $"{what}, the days after {ClockExplanation.DayOf(handoffDay)}{listed}: by the end of {ClockExplanation.DayOf(last)}";
            }
            deadlines.Add(new ExplainedDeadline(i + 1, required, deadline, warning, $"step {i + 1}: {rule}"));
        }
        if (deadlines.Count == 0) deadlines.Add(new ExplainedDeadline(0, 0, input.Start, input.Start, "the cadence has no steps, so nothing is due"));
        return probe with { Deadlines = deadlines };
    }

    /// <summary>Where <paramref name="at"/> falls in the calendar's working hours.</summary>
    public static HandoffTiming Timing(BusinessCalendar calendar, Instant at)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var next = ShiftInstants.From(calendar, at).First(s => s.End > at);
        if (next.Start <= at) return HandoffTiming.InWorkingHours;
        var date = at.InZone(calendar.Zone).Date;
        if (!calendar.Week.ContainsKey(date.DayOfWeek)) return HandoffTiming.DayOff;
        if (calendar.IsHoliday(date)) return HandoffTiming.Holiday;
        var shifts = ShiftInstants.On(calendar, date).ToList();
        if (!shifts.Exists(s => s.Start > at)) return HandoffTiming.AfterWorkingHours;
        return shifts.Exists(s => s.End <= at) ? HandoffTiming.BetweenShifts : HandoffTiming.BeforeWorkingHours;
    }

    /// <summary>The working time in [<paramref name="start"/>, <paramref name="due"/>), shift by shift.</summary>
    private static List<WorkingStretch> Counted(BusinessCalendar calendar, Instant start, Instant due)
    {
        var stretches = new List<WorkingStretch>();
        if (due <= start) return stretches;
        foreach (var shift in ShiftInstants.From(calendar, start))
        {
            if (shift.End <= start) continue;
            if (shift.Start >= due) break;
            var from = shift.Start > start ? shift.Start : start;
            var to = shift.End < due ? shift.End : due;
            if (to > from) stretches.Add(new WorkingStretch(from, to));
            if (shift.End >= due) break;
        }
        return stretches;
    }
}
