namespace Tandem.Data.Store;

/// <summary>What an upsert did with one record.</summary>
public enum UpsertOutcome
{
    /// <summary>The record was new.</summary>
    Inserted,

    /// <summary>The record existed and at least one field changed.</summary>
    Updated,

    /// <summary>The record existed with exactly these values.</summary>
    Unchanged,
}
