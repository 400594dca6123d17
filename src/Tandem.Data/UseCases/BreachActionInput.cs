using NodaTime;
using Tandem.Data.Clocks;

namespace Tandem.Data.UseCases;

/// <summary>
/// A manager's action on one breach as a front end received it: the clock, the action word, the
/// reason, and for a snooze the time until which (<c>uuuu-MM-ddTHH:mm</c>, a form's local date
/// and time) read in <paramref name="Zone"/>.
/// </summary>
public sealed record BreachActionInput(ClockKey Clock, string Action, string? Reason, string? Until, DateTimeZone Zone, string By);
