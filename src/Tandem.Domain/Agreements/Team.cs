using Tandem.Domain.Calendars;

namespace Tandem.Domain.Agreements;

/// <summary>A sales team with its own business calendar (reps name their team; a rep's own time zone reads it in that zone).</summary>
/// <param name="Name">Unique within the agreement, ignoring case.</param>
/// <param name="Calendar">The calendar its clocks run on.</param>
public sealed record Team(string Name, BusinessCalendar Calendar)
{
    /// <summary>The segments the team works, for capacity (empty: not said; its reps count with the others).</summary>
    public IReadOnlyList<string> Segments { get; init; } = [];
}
