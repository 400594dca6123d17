using Tandem.Data.Import;
using Tandem.Data.Import.Mapping;

namespace Tandem.Data.UseCases;

/// <summary>
/// What importing a table did: the summary, or why nothing was stored (<see cref="Problems"/>, or
/// the mapping's own errors with their lines and keys); and the import log's entry.
/// </summary>
public sealed record ImportTableResult
{
    /// <summary>The counts, problems and data-quality report; null when the table was refused.</summary>
    public ImportSummary? Summary { get; init; }

    /// <summary>Why the table was refused whole (its inputs, or the file itself).</summary>
    public IReadOnlyList<FieldProblem> Problems { get; init; } = [];

    /// <summary>The mapping's problems, each with its line and key, when the mapping did not fit.</summary>
    public IReadOnlyList<MappingFileError> MappingErrors { get; init; } = [];

    /// <summary>The import log's entry; null when inputs were refused before the table was read, or the log could not be written.</summary>
    public long? LogId { get; init; }

    /// <summary>Why the import could not be logged (the import stands), or null.</summary>
    public string? LogFailure { get; init; }

    /// <summary>Whether nothing was stored because the table or its inputs were refused.</summary>
    public bool Refused => Summary is null;
}
