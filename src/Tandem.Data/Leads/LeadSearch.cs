using System.Data.Common;
using System.Globalization;
using Npgsql;
using Tandem.Data.Clocks;

namespace Tandem.Data.Leads;

/// <summary>A lead found by search: its key and the fields shown (null once forgotten).</summary>
public sealed record LeadHit(string Source, string Id, string? Name, string? Email, string? Company, string? Segment, string? LeadType, string? Owner);

/// <summary>A page of search hits, how many leads match over every page (at least that many when <see cref="More"/>: the search counts up to <see cref="LeadSearch.Counted"/> per field), and the cursors either side (null at either end).</summary>
public sealed record LeadHitPage(IReadOnlyList<LeadHit> Hits, long Count, string? Next, string? Previous, bool More = false);

/// <summary>
/// Finds leads by a prefix of their id, name, e-mail or company, ignoring case: each field is a range
/// of its lower-cased index (migration 0026), the range [lower(q), lower(q) + the highest code point),
/// which holds exactly the values that start with the prefix in the index's order (byte order on
/// SQLite, the "C" collation on PostgreSQL); the engine folds the typed text with the same lower()
/// as the index. A forgotten lead's erased fields never match (its id still does, and shows nothing
/// else). A sales rep (<c>viewer</c>) finds only the leads they own or that have a clock of theirs.
/// Each field's first 1,000 matches are read (a one-letter prefix costs what a name does); hits are
/// ordered by source and id, keyset-paged.
/// </summary>
public static class LeadSearch
{
    /// <summary>Hits a page holds.</summary>
    public const int PageSize = 50;

    private const string Highest = "\U0010FFFF";

    /// <summary>Matches counted per field; past that a search says "at least" (type more to narrow it).</summary>
    public const int Counted = 1000;

    /// <summary>The longest text searched for.</summary>
    public const int MaxLength = 200;

    /// <summary>A page of the leads matching <paramref name="query"/> (trimmed), after or before <paramref name="cursor"/>.</summary>
    /// <exception cref="ArgumentException">The query is empty or longer than <see cref="MaxLength"/>.</exception>
    /// <exception cref="FormatException">The cursor is not one this search made.</exception>
    public static async Task<LeadHitPage> FindAsync(DbConnection connection, string query, string? viewer, string? cursor = null, int size = PageSize, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var q = query.Trim();
        if (q.Length == 0) throw new ArgumentException("type the start of a lead's id, name, e-mail or company", nameof(query));
        if (q.Length > MaxLength) throw new ArgumentException($"at most {MaxLength} characters", nameof(query));
        var at = cursor is null ? null : ListCursor.Read(cursor, "search", 2);
        // Each field's first Counted + 1 matches in its index's order, at most four short ranges: a
        // prefix of one letter costs what a precise one does. Past that the count says "at least".
        var all = new HashSet<(string Source, string Id)>();
        var more = false;
        await using (var command = Sql.Command(connection, null, Hits(connection is NpgsqlConnection, viewer is not null),
            ("@q", q), ("@top", Highest), ("@viewer", viewer), ("@cap", (long)Counted + 1)))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            var perField = new long[4];
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                if (++perField[reader.GetInt64(0)] > Counted) { more = true; continue; }
                all.Add((reader.GetString(1), reader.GetString(2)));
            }
        }
        var ordered = all.OrderBy(k => k.Source, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();
        int Compare((string Source, string Id) k) =>
            string.CompareOrdinal(k.Source, at!.Key[0]) is var c and not 0 ? c : string.CompareOrdinal(k.Id, at.Key[1]);
        var keys = at is null ? [.. ordered.Take(size + 1)]
            : at.Before ? ordered.Where(k => Compare(k) < 0).TakeLast(size + 1).Reverse().ToList()
            : ordered.Where(k => Compare(k) > 0).Take(size + 1).ToList();
        var beyond = keys.Count > size;
        if (beyond) keys.RemoveAt(keys.Count - 1);
        if (at?.Before == true) keys.Reverse();
        long count = all.Count;
        var found = new List<LeadHit>(keys.Count);
        await using (var one = Sql.Command(connection, null, "SELECT name, email, company, segment, lead_type, owner FROM leads WHERE source = @source AND id = @id", ("@source", ""), ("@id", "")))
        {
            foreach (var (source, id) in keys)
            {
                one.Parameters["@source"].Value = source;
                one.Parameters["@id"].Value = id;
                await using var reader = await one.ExecuteReaderAsync(cancel).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancel).ConfigureAwait(false)) continue;
                found.Add(new LeadHit(source, id, Sql.Text(reader, 0), Sql.Text(reader, 1), Sql.Text(reader, 2), Sql.Text(reader, 3), Sql.Text(reader, 4), Sql.Text(reader, 5)));
            }
        }
        string Cursor(bool before, int i) => new ListCursor(before, "search", [keys[i].Source, keys[i].Id]).Write();
        var next = keys.Count == 0 ? null : (at?.Before == true || beyond) ? Cursor(false, keys.Count - 1) : null;
        var previous = keys.Count == 0 ? null : (at is { Before: false } || (at?.Before == true && beyond)) ? Cursor(true, 0) : null;
        return new LeadHitPage(found, count, next, previous, more);
    }

    /// <summary>The first @cap matches of each field (its number first), one index range each; a lead matching twice comes twice.</summary>
    private static string Hits(bool postgres, bool scoped)
    {
        var collate = postgres ? " COLLATE \"C\"" : "";
        // A sales rep's own: they own the lead, or one of its clocks is theirs (the clocks' key starts with the lead's).
        var own = scoped
            ? $" AND (lower(owner) = lower(@viewer) OR EXISTS (SELECT 1 FROM sla_clocks c{(postgres ? "" : " INDEXED BY sla_clocks_list")} WHERE c.source = leads.source AND c.lead_id = leads.id AND lower(c.rep) = lower(@viewer)))"
            : "";
        string Range(int n, string field, bool erasable) =>
            $"SELECT {n} AS field, source, id FROM (SELECT source, id FROM leads WHERE lower({field}){collate} >= lower(@q) AND lower({field}){collate} < lower(@q) || @top" +
            (erasable ? " AND forgotten_at IS NULL" : "") + own + $" ORDER BY lower({field}){collate} LIMIT @cap) f{n}";
        return string.Join(" UNION ALL ", Range(0, "id", false), Range(1, "name", true), Range(2, "email", true), Range(3, "company", true));
    }
}
