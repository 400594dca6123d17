namespace Tandem.Data.Import;

/// <summary>One CSV row as Tandem reads it: the record's values, the stage changes it implies, or its problems.</summary>
public sealed class MappedRow
{
    /// <summary>Source, key values, then field values, as the upsert takes them.</summary>
    public object?[] Values { get; internal set; } = [];

    /// <summary>The record's key within the file (for "the last row wins").</summary>
    public string Key { get; internal set; } = "";

    /// <summary>Stage changes derived from the row (source, lead id, stage, time).</summary>
    public List<object?[]> DerivedStages { get; } = [];

    /// <summary>What is wrong with the row; empty when it can be stored.</summary>
    public List<(string Column, string Reason)> Problems { get; } = [];

    /// <summary>Things kept but worth knowing (flag name, value), such as a lead type the agreement does not know.</summary>
    public List<(string Flag, string Value)> Flags { get; } = [];

    /// <summary>Whether the row can be stored.</summary>
    public bool IsValid => Problems.Count == 0;
}
