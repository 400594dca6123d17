using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Clocks;
using Tandem.Domain.Numbers;
using Tandem.Domain.Tests.Calendars;

namespace Tandem.Domain.Tests.Clocks;

/// <summary>
/// A random clock: a calendar case (zone, shifts, holidays around a DST change), a warning share
/// in tens of percent, speed minutes in tens (so the warning falls on whole minutes), a cadence of
/// up to three steps, zero to eight attempts over the following three weeks (some reaching the
/// lead), an optional early end, and instants to look at.
/// </summary>
public sealed record ClockCase(CalendarCase Calendar, int WarnTenths, int SpeedMinutes, ClockKind SpeedClock, DepthCommitment Depth,
    IReadOnlyList<Attempt> Attempts, Instant? EndedAt, IReadOnlyList<Instant> Looks, int Seed)
{
    public ClockInput Input => new(Calendar.Start, Calendar.Calendar, Share.From(new Fraction(WarnTenths, 10), "warnAt"), Attempts, EndedAt);

    public static ClockCase From(int seed)
    {
        var random = new Random(seed);
        var calendar = CalendarCase.From(random.Next());
        var start = calendar.Start;
        Instant Later(int maxMinutes) => start + Duration.FromMinutes(random.Next(maxMinutes));
        var steps = new List<CadenceStep>();
        var (attempts, days) = (0, 0);
        for (var i = random.Next(4); i > 0; i--) steps.Add(new CadenceStep(attempts += random.Next(1, 3), days += random.Next(1, 6)));
        var depth = new DepthCommitment(random.Next(1, 6), steps, random.Next(2) == 0 ? DayKind.Calendar : DayKind.Working);
        var tries = Enumerable.Range(0, random.Next(9)).Select(_ => new Attempt(Later(random.Next(2) == 0 ? 600 : 21 * 1440) - Duration.FromMinutes(random.Next(3) == 0 ? 60 : 0), random.Next(5) == 0)).ToList();
        Instant? end = random.Next(3) == 0 ? (random.Next(10) == 0 ? start : Later(14 * 1440)) : null;
        var looks = Enumerable.Range(0, 12).Select(_ => Later(random.Next(2) == 0 ? 1200 : 30 * 1440)).ToList();
        return new ClockCase(calendar, random.Next(1, 10), 10 * random.Next(1, 61), random.Next(2) == 0 ? ClockKind.Wall : ClockKind.Working, depth, tries, end, looks, seed);
    }

    public override string ToString() =>
        $"seed {Seed}: {Calendar}; warn {WarnTenths}0%, speed {SpeedMinutes} {SpeedClock}; depth target {Depth.TargetAttempts} {Depth.Days} [{string.Join(", ", Depth.Cadence)}]; attempts [{string.Join(", ", Attempts)}]; end {EndedAt}";
}

public static class ClockArbitrary
{
    public static Arbitrary<ClockCase> Cases() => Gen.Choose(0, int.MaxValue - 1).Select(ClockCase.From).ToArbitrary();
}
