using Tandem.Data.Store;

namespace Tandem.Data.Import;

/// <summary>How many records an upsert inserted, updated and left unchanged.</summary>
public sealed class ImportCounts
{
    /// <summary>New records.</summary>
    public long Inserted { get; set; }

    /// <summary>Existing records with at least one changed field.</summary>
    public long Updated { get; set; }

    /// <summary>Existing records that already had these values.</summary>
    public long Unchanged { get; set; }

    /// <summary>Records left out because a later row of the file yields the same key (counted under unchanged too).</summary>
    public long Superseded { get; set; }

    /// <summary>Adds the outcomes of one batch.</summary>
    public void Add(IEnumerable<UpsertOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        foreach (var outcome in outcomes)
        {
            switch (outcome)
            {
                case UpsertOutcome.Inserted: Inserted++; break;
                case UpsertOutcome.Updated: Updated++; break;
                default: Unchanged++; break;
            }
        }
    }
}
