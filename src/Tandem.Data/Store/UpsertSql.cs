using System.Text;

namespace Tandem.Data.Store;

/// <summary>
/// Builds the upsert statements for a table and the fields a batch carries. Fields the batch does
/// not carry are left as they are, so an export without an owner column never erases owners. The
/// update runs only when a value differs (otherwise the row is untouched); the revision then tells
/// an insert (1) from an update (more than 1). A forgotten lead's contact fields stay empty
/// whatever arrives.
/// </summary>
public static class UpsertSql
{
    /// <summary>Refuses a field the table does not have, before any SQL is built from the names.</summary>
    public static void CheckFields(TableSpec table, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in fields)
            if (!table.Fields.Contains(field)) throw new ArgumentException($"{table.Name} has no field {field}", nameof(fields));
    }

    /// <summary>
    /// The same upsert fed from <paramref name="staging"/>, a table holding the key columns and
    /// <paramref name="fields"/> (PostgreSQL's bulk path fills it with COPY); <c>@now</c> stamps
    /// updated_at. It returns the key columns then revision for every row it inserted or changed.
    /// The staging rows must have distinct keys: one statement cannot change a row twice.
    /// </summary>
    public static string BuildFromStaging(TableSpec table, IReadOnlyList<string> fields, string staging)
    {
        CheckFields(table, fields);
        var carried = string.Join(", ", table.Key.Concat(fields));
        return Compose(table, fields, $"SELECT {carried}, @now FROM {staging}", string.Join(", ", table.Key.Append("revision")));
    }

    private static string Compose(TableSpec table, IReadOnlyList<string> fields, string rows, string returning)
    {
        var columns = table.Key.Concat(fields).Append("updated_at").ToList();
        var sql = new StringBuilder();
        sql.Append("INSERT INTO ").Append(table.Name).Append(" (").AppendJoin(", ", columns).Append(") ").Append(rows)
           .Append(" ON CONFLICT (").AppendJoin(", ", table.Key).Append(')');
        if (fields.Count == 0) return sql.Append(" DO NOTHING RETURNING ").Append(returning).ToString();

        var erasable = fields.Where(table.Erasable.Contains).ToList();
        var plain = fields.Where(f => !table.Erasable.Contains(f)).ToList();
        var t = table.Name;
        sql.Append(" DO UPDATE SET ")
           .AppendJoin(", ", plain.Select(f => $"{f} = excluded.{f}")
               .Concat(erasable.Select(f => $"{f} = CASE WHEN {t}.forgotten_at IS NULL THEN excluded.{f} ELSE NULL END"))
               .Append($"revision = {t}.revision + 1")
               .Append("updated_at = excluded.updated_at"))
           .Append(" WHERE ");
        var differs = plain.Select(f => $"{t}.{f} IS DISTINCT FROM excluded.{f}").ToList();
        if (erasable.Count > 0)
            differs.Add($"({t}.forgotten_at IS NULL AND ({string.Join(" OR ", erasable.Select(f => $"{t}.{f} IS DISTINCT FROM excluded.{f}"))}))");
        sql.AppendJoin(" OR ", differs).Append(" RETURNING ").Append(returning);
        return sql.ToString();
    }

    /// <summary>
    /// The same upsert as two statements, for SQLite's fast path: an insert that does nothing when
    /// the key exists, and an update of an existing row that runs only when a value differs.
    /// Parameters are positional, <c>?1</c>.. in the order key columns, then the fields, then <c>updated_at</c>.
    /// </summary>
    public static (string Insert, string? Update) BuildPair(TableSpec table, IReadOnlyList<string> fields)
    {
        CheckFields(table, fields);
        var columns = table.Key.Concat(fields).Append("updated_at").ToList();
        var position = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => $"?{p.i + 1}");
        var insert = $"INSERT INTO {table.Name} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => position[c]))}) ON CONFLICT DO NOTHING";
        if (fields.Count == 0) return (insert, null);
        var t = table.Name;
        var erasable = fields.Where(table.Erasable.Contains).ToList();
        var plain = fields.Where(f => !table.Erasable.Contains(f)).ToList();
        var set = plain.Select(f => $"{f} = {position[f]}")
            .Concat(erasable.Select(f => $"{f} = CASE WHEN forgotten_at IS NULL THEN {position[f]} ELSE NULL END"))
            .Append("revision = revision + 1")
            .Append($"updated_at = {position["updated_at"]}");
        var differs = plain.Select(f => $"{f} IS DISTINCT FROM {position[f]}").ToList();
        if (erasable.Count > 0)
            differs.Add($"(forgotten_at IS NULL AND ({string.Join(" OR ", erasable.Select(f => $"{f} IS DISTINCT FROM {position[f]}"))}))");
        var update = $"UPDATE {t} SET {string.Join(", ", set)} WHERE {string.Join(" AND ", table.Key.Select(k => $"{k} = {position[k]}"))} AND ({string.Join(" OR ", differs)})";
        return (insert, update);
    }
}
