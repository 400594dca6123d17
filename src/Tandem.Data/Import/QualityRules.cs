using System.Globalization;

namespace Tandem.Data.Import;

/// <summary>
/// A field the reports need, of one kind of record: its generic name, its database column, the
/// records it matters on (deal amounts: won deals only), and what goes missing without it.
/// </summary>
/// <param name="Field">The generic field name (<c>lead_type</c>).</param>
/// <param name="Column">The database column (<c>amount_e4</c>).</param>
/// <param name="What">The field in words (<c>lead type</c>).</param>
/// <param name="Noun">The records it is counted over, plural (<c>leads</c>, <c>won deals</c>).</param>
/// <param name="Consequence">What the records without it do to the figures.</param>
/// <param name="None">What is missing when no record in the store has it at all.</param>
/// <param name="OnlyWhere">Count only records whose column has this value (a deal's status), or null.</param>
public sealed record FieldNeed(string Field, string Column, string What, string Noun, string Consequence, string None, (string Column, string Value)? OnlyWhere = null);

/// <summary>
/// Which figures need which fields, and the sentences the data-quality report says about them. Pure:
/// the counting is done by <see cref="ImportQuality"/>; this class only knows the rules.
/// </summary>
public static class QualityRules
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>
    /// The fields of <paramref name="kind"/> the reports need, in the order the report lists them. A
    /// plan without segments (or lead types) has no per-segment (per-lead-type) figures, so leads
    /// lacking one lose nothing; without a known agreement both count.
    /// </summary>
    public static IReadOnlyList<FieldNeed> For(ImportKind kind, bool segmentsPlanned = true, bool leadTypesPlanned = true) =>
        [.. All(kind).Where(n => kind != ImportKind.Leads || n.Field switch { "segment" => segmentsPlanned, "lead_type" => leadTypesPlanned, _ => true })];

    private static IReadOnlyList<FieldNeed> All(ImportKind kind) => kind switch
    {
        ImportKind.Leads =>
        [
            new("lead_type", "lead_type", "lead type", "leads", "those leads are left out of per-lead-type figures (tracking sheet, pacing and close rate per lead type)",
                "no per-lead-type figures (tracking sheet, pacing and close rate per lead type)"),
            new("segment", "segment", "segment", "leads", "those leads are left out of per-segment figures (pacing, speed and depth per segment)",
                "no per-segment figures (pacing, speed and depth per segment)"),
            new("owner", "owner", "owner", "leads", "their handoffs are clocked only when the stage change names a rep; otherwise they have no speed or depth",
                "handoffs are clocked only when the stage change names a rep; otherwise no speed or depth"),
        ],
        ImportKind.Deals =>
        [
            new("amount", "amount_e4", "deal amount", "won deals", "those customers add no revenue, so deal size, revenue share and lead value come out too low",
                "no deal size, revenue share or lead value", ("status", "won")),
            new("lead_id", "lead_id", "lead", "deals", "those deals belong to no lead, so they are left out of close rate, sales cycle and lead value",
                "no close rate, sales cycle or lead value from deals"),
        ],
        ImportKind.Touches =>
        [
            new("outcome", "outcome", "outcome", "touches", "a touch without an outcome never counts as connected: those leads' depth clocks keep running",
                "no lead is ever connected: depth counts every lead as not yet reached"),
        ],
        ImportKind.Stages =>
        [
            new("rep", "rep", "rep", "stage changes", "a handoff without a rep is clocked against the lead's owner; with neither it has no speed or depth",
                "handoffs are clocked only against the leads' owners"),
        ],
        ImportKind.Reps =>
        [
            new("weekly_hours", "weekly_hours_e4", "weekly hours", "reps", "those reps are left out of capacity",
                "capacity uses the agreement's team size, or cannot be computed"),
            new("marketing_share", "marketing_share_e4", "marketing share", "reps", "capacity counts the agreement's team share of their hours, else all of them",
                "capacity counts the agreement's team share of every rep's hours, else all of them"),
        ],
        _ => [],
    };

    /// <summary>The sentence for <paramref name="missing"/> of <paramref name="of"/> records without the field; null when none is missing.</summary>
    public static string? Missing(FieldNeed need, long missing, long of)
    {
        ArgumentNullException.ThrowIfNull(need);
        if (missing <= 0 || of <= 0) return null;
        var share = missing == of ? $"any of the {N(of)} {need.Noun}" : $"{N(missing)} of {N(of)} {need.Noun}";
        return $"no {need.What} on {share}: {need.Consequence}";
    }

    /// <summary>The sentence for a store where none of <paramref name="of"/> records has the field; null when some do or there are none.</summary>
    public static string? NoneInStore(FieldNeed need, long with, long of)
    {
        ArgumentNullException.ThrowIfNull(need);
        if (with > 0 || of <= 0) return null;
        return $"no {need.What} in the store: none of its {N(of)} {need.Noun} has one, so {need.None}";
    }

    /// <summary>
    /// The sentence for a file with no column for the field: records it inserted have none, records it
    /// updated keep what the store had, so the store's counts (when known) say how many lack it.
    /// </summary>
    public static string NoColumn(FieldNeed need, long? storeWith, long? storeOf)
    {
        ArgumentNullException.ThrowIfNull(need);
        if (storeWith is { } with && storeOf is { } of)
            return with >= of ? $"the file has no {need.What} column; every one of the {N(of)} {need.Noun} in the store has one from before"
                : $"the file has no {need.What} column; {N(of - with)} of the {N(of)} {need.Noun} in the store have none: {need.Consequence}";
        return $"the file has no {need.What} column: {need.Noun} it inserts have none, and those it updates keep what the store had";
    }

    /// <summary>The sentence for values that could not be read, per column, summed over the import's rejected rows.</summary>
    public static string? Unreadable(IReadOnlyList<(string Column, long Values)> columns, long rejected)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) return null;
        return $"values not read or missing where required, by column: {string.Join(", ", columns.Select(c => $"{c.Column} {N(c.Values)}"))}; "
            + $"the {N(rejected)} row{(rejected == 1 ? "" : "s")} holding them {(rejected == 1 ? "was" : "were")} not stored";
    }

    /// <summary>The sentence for values kept although the agreement does not know them (a flag of the summary); null for other flags.</summary>
    public static string? Flagged(string flag, IReadOnlyDictionary<string, long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var total = values.Values.Sum();
        var listed = string.Join(", ", values.OrderByDescending(v => v.Value).Take(5).Select(v => $"{v.Key} ({N(v.Value)})")) + (values.Count > 5 ? ", ..." : "");
        return flag switch
        {
            "unknownLeadTypes" => $"{N(total)} leads have a lead type the agreement does not name ({listed}): they fall in no lead type of the plan",
            "unknownSegments" => $"{N(total)} leads have a segment the agreement does not name ({listed}): they fall in no segment of the plan",
            _ => null,
        };
    }

    private static string N(long value) => value.ToString("N0", C);
}
