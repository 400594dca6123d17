using NodaTime;
using Tandem.Domain.Agreements;

namespace Tandem.Domain.Clocks;

/// <summary>
/// Speed to lead: the first attempt after the start is due within the commitment's minutes, in
/// working time of the calendar or in wall-clock time. Met by a first attempt at or before the
/// due instant; breached at the due instant when there was none by then (a later attempt does not
/// undo it); warning from the warning share of the allowed time.
/// </summary>
public static class SpeedClock
{
    /// <summary>The clock's timeline.</summary>
    public static ClockTimeline Build(ClockInput input, SpeedCommitment speed)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(speed);
        var allowed = Duration.FromMinutes(speed.Minutes);
        var (due, warn) = speed.Clock == ClockKind.Wall
            ? (input.Start + allowed, input.Start + input.WarningPart(allowed))
            : (input.Calendar.AddWorkingTime(input.Start, allowed), input.Calendar.AddWorkingTime(input.Start, input.WarningPart(allowed)));

        var transitions = new List<ClockTransition> { new(input.Start, ClockState.Running) };
        var first = input.Counted().Select(a => (Instant?)a.At).FirstOrDefault();
        if (first is { } touched && touched <= due)
        {
            if (warn < touched) transitions.Add(new(warn, ClockState.Warning));
            transitions.Add(new(touched, ClockState.Met));
        }
        else
        {
            if (warn < due) transitions.Add(new(warn, ClockState.Warning));
            transitions.Add(new(due, ClockState.Breached));
        }
        return new ClockTimeline(ClockCommitment.Speed, input.Start, due, ClockTimeline.EndedAt(transitions, input.EndedAt, input.EndState));
    }
}
