using Tandem.Data.Store;

namespace Tandem.Data.Import;

/// <summary>
/// One record each row of a file yields: its kind, its fields bound to where their text is found
/// (every key field among them), and the fields that must be filled for a row to yield it at all
/// (a row that leaves one empty yields no such record, which is no error: HubSpot's stage dates).
/// </summary>
public sealed class RecordBinding
{
    /// <summary>Binds <paramref name="bound"/> fields of <paramref name="kind"/>.</summary>
    public RecordBinding(ImportKind kind, IReadOnlyList<BoundField> bound, IReadOnlyList<BoundField>? onlyIf = null)
    {
        ArgumentNullException.ThrowIfNull(bound);
        Kind = kind;
        Table = kind.Table();
        Keys = [.. Table.Key.Skip(1).Select(k => bound.Single(b => b.Field.Column == k))];
        Fields = [.. bound.Where(b => !Table.Key.Contains(b.Field.Column))];
        Columns = [.. Fields.Select(f => f.Field.Column)];
        OnlyIf = onlyIf ?? [];
    }

    /// <summary>The kind of record.</summary>
    public ImportKind Kind { get; }

    /// <summary>The table it goes to.</summary>
    public TableSpec Table { get; }

    /// <summary>The key fields, in the table's key order (after the source).</summary>
    public IReadOnlyList<BoundField> Keys { get; }

    /// <summary>The other fields bound.</summary>
    public IReadOnlyList<BoundField> Fields { get; }

    /// <summary>The database columns of <see cref="Fields"/> (columns not bound are left as they are).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Fields that must be filled for a row to yield this record.</summary>
    public IReadOnlyList<BoundField> OnlyIf { get; }
}
