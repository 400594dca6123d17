namespace Tandem.Data.Import;

/// <summary>One record a row yields: which binding of the mapper, the values the upsert takes, and its key within the file.</summary>
public sealed record MappedRecord(int Binding, object?[] Values, string Key);

/// <summary>One row as Tandem reads it: the records it yields, or its problems.</summary>
public sealed class MappedRow
{
    /// <summary>Source, key values, then field values of the row's first record, as the upsert takes them.</summary>
    public object?[] Values { get; internal set; } = [];

    /// <summary>The first record's key within the file (for "the last row wins").</summary>
    public string Key { get; internal set; } = "";

    /// <summary>Every record the row yields, in the order of the mapper's bindings.</summary>
    public List<MappedRecord> Records { get; } = [];

    /// <summary>What is wrong with the row; empty when it can be stored.</summary>
    public List<(string Column, string Reason)> Problems { get; } = [];

    /// <summary>Things kept but worth knowing (flag name, value), such as a lead type the agreement does not know.</summary>
    public List<(string Flag, string Value)> Flags { get; } = [];

    /// <summary>Whether the row can be stored.</summary>
    public bool IsValid => Problems.Count == 0;
}
