using NodaTime;

namespace Tandem.Data.Import.Mapping;

/// <summary>
/// A mapping file read and checked on its own (docs/import-formats.md#mapping-files): which
/// records of which kinds each row of a source file yields, and where each field's value comes
/// from. Checking it against a file's header is <see cref="MappingBinder"/>'s part.
/// </summary>
/// <param name="File">The file name errors name.</param>
/// <param name="Zone">The zone of the source's times without an offset, or null (the import's zone then).</param>
/// <param name="Ignore">Columns the source has that Tandem does not need, listed as ignored rather than not read.</param>
/// <param name="Sections">One section per kind, in the order written.</param>
public sealed record ImportMapping(string File, DateTimeZone? Zone, IReadOnlyList<string> Ignore, IReadOnlyList<MappingSection> Sections)
{
    /// <summary>The section for <paramref name="kind"/>, or null.</summary>
    public MappingSection? Section(ImportKind kind) => Sections.FirstOrDefault(s => s.Kind == kind);

    /// <summary>The kinds the mapping feeds, in the order they are written (reps, leads, stages, touches, deals).</summary>
    public IReadOnlyList<ImportKind> Kinds => [.. ImportKinds.All.Where(k => Section(k) is not null)];
}

/// <summary>The records of one kind that each row yields (usually one; a list yields several).</summary>
public sealed record MappingSection(ImportKind Kind, int Line, IReadOnlyList<MappingRecord> Records);

/// <summary>
/// One record a row yields: its fields, the fields that must be filled for the row to yield it
/// (<c>only_if</c>: no record, and no error, when one is empty), and for leads the column naming
/// the lead's current stage, checked against the stage rows the file yields.
/// </summary>
public sealed record MappingRecord(string Path, int Line, IReadOnlyList<FieldMapping> Fields, IReadOnlyList<string> OnlyIf, FieldMapping? CurrentStage);

/// <summary>One value translation: the source's text (matched ignoring case and surrounding spaces) and Tandem's.</summary>
public sealed record ValueTranslation(string From, string To, int Line);

/// <summary>
/// Where one field's text comes from: a column (the first present of several alternatives), columns
/// joined, or a constant; how the source writes its times; and translations of its values.
/// </summary>
public sealed record FieldMapping(ImportField Field, string Path, int Line)
{
    /// <summary>Alternative column names, the first present wins.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>Columns joined with <see cref="Separator"/> (empty ones left out); used when any of them is present.</summary>
    public IReadOnlyList<string> Join { get; init; } = [];

    /// <summary>What goes between joined columns.</summary>
    public string Separator { get; init; } = " ";

    /// <summary>The value of every row, or null.</summary>
    public string? Constant { get; init; }

    /// <summary>The line of the constant, for errors found when it is checked.</summary>
    public int ConstantLine { get; init; }

    /// <summary>Formats of a time or date field, tried in order (empty: ISO 8601).</summary>
    public IReadOnlyList<string> Formats { get; init; } = [];

    /// <summary>This field's zone, or null (the mapping's, else the import's).</summary>
    public DateTimeZone? Zone { get; init; }

    /// <summary>The source's values and Tandem's.</summary>
    public IReadOnlyList<ValueTranslation> Values { get; init; } = [];

    /// <summary>Whether the field is left out (rather than the file refused) when none of its columns is present.</summary>
    public bool Optional { get; init; }
}
