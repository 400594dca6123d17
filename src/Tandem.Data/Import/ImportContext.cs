using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Leads;

namespace Tandem.Data.Import;

/// <summary>
/// What reading a row depends on besides the row: the source its records belong to, the zone that
/// times without an offset are read in, and the agreement (when there is one) whose lead types,
/// segments and stage names the rows are checked against.
/// </summary>
public sealed class ImportContext
{
    /// <summary>Creates the context; <paramref name="agreement"/> may be null (nothing is flagged then).</summary>
    public ImportContext(string source, DateTimeZone zone, Agreement? agreement)
    {
        if (string.IsNullOrWhiteSpace(source)) throw new ArgumentException("the source is empty", nameof(source));
        Source = source.Trim();
        Zone = zone ?? throw new ArgumentNullException(nameof(zone));
        Agreement = agreement;
        if (agreement is null) return;
        var plan = agreement.Plan;
        LeadTypes = plan.LeadTypes.Count == 0 ? null : plan.LeadTypes.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Segments = plan.Segments.Count == 0 ? null : plan.Segments.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        StageNames = new[] { plan.Funnel }
            .Concat(plan.Segments.Select(s => s.Funnel))
            .Concat(plan.LeadTypes.Select(t => t.Funnel))
            .Where(f => f is not null)
            .SelectMany(f => f!.Stages.Select(s => s.Name))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The source every record of this import is keyed under (<c>default</c> unless told).</summary>
    public string Source { get; }

    /// <summary>The zone times without an offset are read in (UTC unless configured).</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The active agreement, if any.</summary>
    public Agreement? Agreement { get; }

    /// <summary>The agreement's lead types, or null when it names none (nothing is flagged then).</summary>
    public IReadOnlySet<string>? LeadTypes { get; }

    /// <summary>The agreement's segments, or null when it names none.</summary>
    public IReadOnlySet<string>? Segments { get; }

    /// <summary>Stage names the agreement's funnels use, accepted besides the standard stages.</summary>
    public IReadOnlyList<string> StageNames { get; } = [];

    /// <summary>The canonical stage for <paramref name="text"/>, or null.</summary>
    public string? Stage(string text) => LeadStages.Normalize(text, StageNames);
}
