using NodaTime;

namespace Tandem.Domain.Calendars;

/// <summary>
/// Working time within one day of the week, from <see cref="Start"/> (included) to
/// <see cref="End"/> (excluded), in the calendar's local time. An end at or before the start is
/// a shift that crosses midnight into the next day (22:00-06:00); 00:00-00:00 is the whole day.
/// </summary>
/// <param name="Start">Local start time.</param>
/// <param name="End">Local end time; at or before the start means the next day.</param>
public sealed record WorkingInterval(LocalTime Start, LocalTime End)
{
    /// <summary>Whether the interval runs past midnight into the next day.</summary>
    public bool CrossesMidnight => End <= Start;

    /// <summary>Length of the interval.</summary>
    public Duration Length => CrossesMidnight
        ? Duration.FromDays(1) - (Start - End).ToDuration()
        : (End - Start).ToDuration();

    /// <summary><c>09:00-17:00</c>.</summary>
    public override string ToString() => $"{Start:HH':'mm}-{End:HH':'mm}";
}
