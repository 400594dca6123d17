using NodaTime;

namespace Tandem.Data.Notifications;

/// <summary>A recorded change of state of an SLA clock, as notifications describe it; <paramref name="RepName"/> is the rep's name from <c>reps</c>, null when none.</summary>
public sealed record SlaEvent(long Id, string Source, string LeadId, int Episode, string Commitment, string State, Instant At, int Step, string Rule, string Rep, string? RepName = null);
