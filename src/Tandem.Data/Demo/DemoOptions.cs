using NodaTime;

namespace Tandem.Data.Demo;

/// <summary>What to generate: how many leads, from which seed, ending at which instant.</summary>
/// <param name="Leads">Number of leads (at least 1).</param>
/// <param name="Seed">The seed; the same seed, count and end give the same files, byte for byte.</param>
/// <param name="AsOf">The instant the data ends at: every event is before it, and leads handed off just before it have clocks running.</param>
public sealed record DemoOptions(int Leads, ulong Seed, Instant AsOf)
{
    /// <summary>Months of history before <see cref="AsOf"/>.</summary>
    public int Months { get; init; } = 12;
}

/// <summary>How many records a generation wrote, per file.</summary>
public sealed record DemoCounts(long Leads, long Stages, long Touches, long Deals, long Reps)
{
    /// <summary>Rows of each deliverable file (content.csv, content-uses.csv, ...), in import order.</summary>
    public IReadOnlyList<(string File, long Rows)> Deliverables { get; init; } = [];
}
