using Tandem.Data.Import;

namespace Tandem.Data.UseCases;

/// <summary>Why one record of a batch was refused: its index in the batch and the field's problem (the field as the generic import format names it, or "source", or "item" for the record as a whole).</summary>
public sealed record ItemProblem(int Index, FieldProblem Problem)
{
    /// <summary>The field at fault.</summary>
    public string Field => Problem.Field;

    /// <summary>Why, without the field's name.</summary>
    public string Reason => Problem.Reason;
}

/// <summary>What one batch of records did.</summary>
public sealed class IngestResult
{
    /// <summary>Records in the batch.</summary>
    public int Items { get; set; }

    /// <summary>Inserted, updated and unchanged records (one superseded by a later one with the same key counts as unchanged).</summary>
    public ImportCounts Records { get; } = new();

    /// <summary>Records refused.</summary>
    public int Rejected { get; set; }

    /// <summary>Every problem of every refused record.</summary>
    public List<ItemProblem> Problems { get; } = [];

    /// <summary>Values kept but worth knowing, as in CSV imports.</summary>
    public SortedDictionary<string, SortedDictionary<string, long>> Flags { get; } = new(StringComparer.Ordinal);
}
