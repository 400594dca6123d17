using System.Data.Common;

namespace Tandem.Data.Clocks;

/// <summary>
/// A range of lead keys in (source, id) order: after <see cref="After"/> (excluded) up to
/// <see cref="Last"/> (included), either end open when null. A rebuild walks the leads page by
/// page and replaces the derived rows of each page's range, those of leads no longer there included.
/// </summary>
internal sealed record KeyRange((string Source, string Id)? After, (string Source, string Id)? Last)
{
    /// <summary>Every key.</summary>
    public static KeyRange All { get; } = new(null, null);

    /// <summary>The keys after <paramref name="after"/> up to <paramref name="last"/>.</summary>
    public static KeyRange Between((string Source, string Id)? after, (string Source, string Id)? last) => new(after, last);

    /// <summary>The condition on a table whose lead key is (source, <paramref name="idColumn"/>), with a leading WHERE; empty for every key.</summary>
    public string Where(string idColumn)
    {
        // Within one source, plain bounds: PostgreSQL stops an index scan at them, but not at a row-value upper bound.
        if (After is { } a && Last is { } l && a.Source == l.Source)
            return $" WHERE source = @rangeLastSource AND {idColumn} > @rangeAfterId AND {idColumn} <= @rangeLastId";
        var parts = new List<string>();
        if (After is not null) parts.Add($"(source, {idColumn}) > (@rangeAfterSource, @rangeAfterId)");
        if (Last is not null) parts.Add($"(source, {idColumn}) <= (@rangeLastSource, @rangeLastId)");
        return parts.Count == 0 ? "" : " WHERE " + string.Join(" AND ", parts);
    }

    /// <summary><paramref name="select"/> (a statement without a WHERE clause) restricted to the range.</summary>
    public DbCommand Command(DbConnection connection, string select, string idColumn, DbTransaction? tx = null) =>
        Sql.Command(connection, tx, select + Where(idColumn),
            ("@rangeAfterSource", After?.Source), ("@rangeAfterId", After?.Id), ("@rangeLastSource", Last?.Source), ("@rangeLastId", Last?.Id));
}
