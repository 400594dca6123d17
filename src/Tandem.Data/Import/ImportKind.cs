using Tandem.Data.Store;

namespace Tandem.Data.Import;

/// <summary>What a file holds; each kind fills one table.</summary>
public enum ImportKind
{
    /// <summary>Leads.</summary>
    Leads,

    /// <summary>Stage changes (the stage history).</summary>
    Stages,

    /// <summary>Touches (follow-up attempts).</summary>
    Touches,

    /// <summary>Deals.</summary>
    Deals,

    /// <summary>Reps.</summary>
    Reps,
}

/// <summary>Names and tables of the import kinds.</summary>
public static class ImportKinds
{
    /// <summary>Every kind, in the order a full data set is best imported.</summary>
    public static IReadOnlyList<ImportKind> All { get; } =
        [ImportKind.Reps, ImportKind.Leads, ImportKind.Stages, ImportKind.Touches, ImportKind.Deals];

    /// <summary>The word the command line and file names use (<c>leads</c>, <c>stages</c>, ...).</summary>
    public static string Word(this ImportKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The kind <paramref name="word"/> names, or null.</summary>
    public static ImportKind? Parse(string word) =>
        All.Cast<ImportKind?>().FirstOrDefault(k => string.Equals(k!.Value.Word(), word, StringComparison.OrdinalIgnoreCase));

    /// <summary>The table a kind fills.</summary>
    public static TableSpec Table(this ImportKind kind) => kind switch
    {
        ImportKind.Leads => TableSpec.Leads,
        ImportKind.Stages => TableSpec.StageChanges,
        ImportKind.Touches => TableSpec.Touches,
        ImportKind.Deals => TableSpec.Deals,
        ImportKind.Reps => TableSpec.Reps,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
