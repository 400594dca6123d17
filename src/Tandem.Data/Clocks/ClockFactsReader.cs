using System.Data.Common;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Clocks;
using Tandem.Domain.Leads;

namespace Tandem.Data.Clocks;

/// <summary>A page of the leads table: the leads the clocks run for, every key read (deleted and merged leads too), and the last key (null when the table had no more).</summary>
public sealed record LeadPage(IReadOnlyList<ClockLead> Leads, IReadOnlyList<(string Source, string Id)> Keys, (string Source, string Id)? Last);

/// <summary>A lead the clocks run for: its key, what they are computed from, and when it was created.</summary>
public sealed record ClockLead(string Source, string Id, LeadFacts Facts, Instant CreatedAt);

/// <summary>
/// Reads what the clocks are computed from: every lead neither deleted nor merged away, with the
/// stage changes and touches recorded under it or under a lead merged into it. Records whose lead
/// has not arrived yet wait for it; they are read again on the next refresh. A few leads (a monitor
/// pass, a report catch-up) are read through the indexes, lead by lead; many are read in one pass.
/// </summary>
public static class ClockFactsReader
{
    /// <summary>Above this many leads one pass over the tables is cheaper than reading lead by lead.</summary>
    private const int TargetedLimit = 20_000;

    /// <summary>The leads, or only those of <paramref name="only"/> when given (keys as (source, id)).</summary>
    public static async Task<IReadOnlyList<ClockLead>> ReadAsync(DbConnection connection, Agreement active, IReadOnlyCollection<(string Source, string Id)>? only, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(active);
        var leads = only is { Count: <= TargetedLimit } ? await ReadTargetedAsync(connection, only, cancel).ConfigureAwait(false) : await ReadAllAsync(connection, only, cancel).ConfigureAwait(false);
        return Facts(leads, active);
    }

    /// <summary>
    /// A page of leads in key order: at most <paramref name="size"/> rows of the leads table after
    /// <paramref name="after"/> (from the first when null), and the last key read, null when none was
    /// left. The leads of the page are those neither deleted nor merged away, with the records stored
    /// under them and under the leads merged into them; a rebuild walks the table page by page, so
    /// its memory is one page's whatever the number of leads.
    /// </summary>
    public static async Task<LeadPage> ReadPageAsync(DbConnection connection, Agreement active, (string Source, string Id)? after, int size, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(active);
        var leads = new Dictionary<(string, string), Row>();
        var keys = new List<(string Source, string Id)>();
        (string Source, string Id)? last = null;
        await using (var command = Sql.Command(connection, null,
            "SELECT source, id, owner, segment, lead_type, deleted_at, merged_into, created_at FROM leads" +
            (after is null ? "" : " WHERE (source, id) > (@afterSource, @afterId)") + " ORDER BY source, id LIMIT @size",
            ("@afterSource", after?.Source), ("@afterId", after?.Id), ("@size", (long)size)))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                last = key;
                keys.Add(key);
                if (reader.IsDBNull(5) && reader.IsDBNull(6)) leads[key] = Lead(reader);
            }
        }
        if (last is not { } end) return new LeadPage([], [], null);

        var range = KeyRange.Between(after, end);
        await using (var command = range.Command(connection, "SELECT source, lead_id, stage, at, rep FROM stage_changes", "lead_id"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                if (leads.TryGetValue((reader.GetString(0), reader.GetString(1)), out var lead)) lead.Stages.Add(Stage(reader));
        await using (var command = range.Command(connection, "SELECT source, id, lead_id, rep, channel, at, outcome FROM touches", "lead_id"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                if (leads.TryGetValue((reader.GetString(0), reader.GetString(2)), out var lead)) lead.Touches.Add(TouchOf(reader));

        // Records of a lead merged into one of the page's belong to it, wherever the merged lead's key falls.
        var merged = new List<(string Source, string Id, string Into)>();
        await using (var command = range.Command(connection, "SELECT source, id, merged_into FROM leads", "merged_into"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                // A row-value bound lets a lead of an earlier source with no merge through: only merged leads count.
                if (!reader.IsDBNull(2)) merged.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        await using var stages = Sql.Command(connection, null, "SELECT source, lead_id, stage, at, rep FROM stage_changes WHERE source = @source AND lead_id = @id", ("@source", ""), ("@id", ""));
        await using var touches = Sql.Command(connection, null, "SELECT source, id, lead_id, rep, channel, at, outcome FROM touches WHERE source = @source AND lead_id = @id", ("@source", ""), ("@id", ""));
        foreach (var (source, id, into) in merged)
        {
            if (!leads.TryGetValue((source, into), out var row)) continue;
            Bind(stages, source, id);
            await using (var reader = await stages.ExecuteReaderAsync(cancel).ConfigureAwait(false))
                while (await reader.ReadAsync(cancel).ConfigureAwait(false)) row.Stages.Add(Stage(reader));
            Bind(touches, source, id);
            await using (var reader = await touches.ExecuteReaderAsync(cancel).ConfigureAwait(false))
                while (await reader.ReadAsync(cancel).ConfigureAwait(false)) row.Touches.Add(TouchOf(reader));
        }
        return new LeadPage(Facts(leads, active), keys, end);
    }

    /// <summary>Keys a statement of <see cref="ReadKeysAsync"/> names at once (two parameters each).</summary>
    private const int KeysPerStatement = 400;

    /// <summary>
    /// The leads of <paramref name="keys"/> (those neither deleted nor merged away), with the records
    /// stored under them and under the leads merged into them, read a few hundred keys a statement
    /// through the tables' (source, lead) indexes: what many changed leads cost without walking the table.
    /// </summary>
    public static Task<IReadOnlyList<ClockLead>> ReadKeysAsync(DbConnection connection, Agreement active, IReadOnlyList<(string Source, string Id)> keys, CancellationToken cancel) =>
        ReadKeysAsync(connection, null, active, keys, cancel);

    /// <summary>As <see cref="ReadKeysAsync(DbConnection, Agreement, IReadOnlyList{ValueTuple{string, string}}, CancellationToken)"/>, inside <paramref name="tx"/> (a writer projecting what it just wrote).</summary>
    public static async Task<IReadOnlyList<ClockLead>> ReadKeysAsync(DbConnection connection, DbTransaction? tx, Agreement active, IReadOnlyList<(string Source, string Id)> keys, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(keys);
        var leads = new Dictionary<(string, string), Row>();
        var owner = new Dictionary<(string, string), (string, string)>();
        foreach (var chunk in keys.Chunk(KeysPerStatement))
        {
            await ReadInAsync(connection, tx, "SELECT source, id, owner, segment, lead_type, deleted_at, merged_into, created_at FROM leads", "id", chunk, reader =>
            {
                if (!reader.IsDBNull(5) || !reader.IsDBNull(6)) return;
                var key = (reader.GetString(0), reader.GetString(1));
                leads[key] = Lead(reader);
                owner[key] = key;
            }, cancel).ConfigureAwait(false);
            await ReadInAsync(connection, tx, "SELECT source, id, merged_into FROM leads", "merged_into", chunk,
                reader => owner[(reader.GetString(0), reader.GetString(1))] = (reader.GetString(0), reader.GetString(2)), cancel).ConfigureAwait(false);
        }
        // The records of each lead and of the leads merged into it, found by their own keys.
        var holders = owner.Where(o => leads.ContainsKey(o.Value)).Select(o => o.Key).ToList();
        foreach (var chunk in holders.Chunk(KeysPerStatement))
        {
            await ReadInAsync(connection, tx, "SELECT source, lead_id, stage, at, rep FROM stage_changes", "lead_id", chunk,
                reader => leads[owner[(reader.GetString(0), reader.GetString(1))]].Stages.Add(Stage(reader)), cancel).ConfigureAwait(false);
            await ReadInAsync(connection, tx, "SELECT source, id, lead_id, rep, channel, at, outcome FROM touches", "lead_id", chunk,
                reader => leads[owner[(reader.GetString(0), reader.GetString(2))]].Touches.Add(TouchOf(reader)), cancel).ConfigureAwait(false);
        }
        return Facts(leads, active);
    }

    /// <summary>
    /// Runs <paramref name="select"/> for the rows whose (source, <paramref name="idColumn"/>) is one of
    /// <paramref name="keys"/>: one statement per source, <c>source = @s AND id IN (...)</c>, the form
    /// SQLite answers through the (source, id) index (a row value <c>IN (VALUES ...)</c> scans the whole table).
    /// </summary>
    private static async Task ReadInAsync(DbConnection connection, DbTransaction? tx, string select, string idColumn, IReadOnlyList<(string Source, string Id)> keys, Action<DbDataReader> row, CancellationToken cancel)
    {
        foreach (var group in keys.GroupBy(k => k.Source, StringComparer.Ordinal))
        {
            var ids = group.Select(k => k.Id).Distinct(StringComparer.Ordinal).ToList();
            var list = string.Join(", ", ids.Select((_, i) => $"@i{i}"));
            await using var command = Sql.Command(connection, tx, $"{select} WHERE source = @source AND {idColumn} IN ({list})",
                [("@source", group.Key), .. ids.Select((id, i) => ($"@i{i}", (object?)id))]);
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) row(reader);
        }
    }

    private static List<ClockLead> Facts(Dictionary<(string, string), Row> leads, Agreement active) =>
        [.. leads.Select(l => new ClockLead(l.Key.Item1, l.Key.Item2,
            new LeadFacts(l.Value.Stages, l.Value.Touches, l.Value.Owner, l.Value.Segment, l.Value.Type, TierOf(active, l.Value.Type)), l.Value.Created))];

    private sealed record Row(Instant Created, string? Owner, string? Segment, string? Type, List<StageChange> Stages, List<Touch> Touches);

    private static async Task<Dictionary<(string, string), Row>> ReadAllAsync(DbConnection connection, IReadOnlyCollection<(string Source, string Id)>? only, CancellationToken cancel)
    {
        var leads = new Dictionary<(string, string), Row>();
        var canonical = new Dictionary<(string, string), (string, string)>();
        await using (var command = Sql.Command(connection, null, "SELECT source, id, owner, segment, lead_type, deleted_at, merged_into, created_at FROM leads"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (Sql.Text(reader, 6) is { } into) { canonical[key] = (key.Item1, into); continue; }
                if (!reader.IsDBNull(5)) continue;
                if (only is not null && !only.Contains(key)) continue;
                canonical[key] = key;
                leads[key] = Lead(reader);
            }
        }

        await using (var command = Sql.Command(connection, null, "SELECT source, lead_id, stage, at, rep FROM stage_changes"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                if (Owner(canonical, leads, reader.GetString(0), reader.GetString(1)) is { } lead)
                    lead.Stages.Add(Stage(reader));

        await using (var command = Sql.Command(connection, null, "SELECT source, id, lead_id, rep, channel, at, outcome FROM touches"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                if (Owner(canonical, leads, reader.GetString(0), reader.GetString(2)) is { } lead)
                    lead.Touches.Add(TouchOf(reader));
        return leads;
    }

    /// <summary>Each lead by its key, then the leads merged into it, then their stage changes and touches, all through indexes.</summary>
    private static async Task<Dictionary<(string, string), Row>> ReadTargetedAsync(DbConnection connection, IReadOnlyCollection<(string Source, string Id)> only, CancellationToken cancel)
    {
        var leads = new Dictionary<(string, string), Row>();
        await using var lead = Sql.Command(connection, null, "SELECT source, id, owner, segment, lead_type, deleted_at, merged_into, created_at FROM leads WHERE source = @source AND id = @id", ("@source", ""), ("@id", ""));
        await using var merged = Sql.Command(connection, null, "SELECT id FROM leads WHERE source = @source AND merged_into = @id", ("@source", ""), ("@id", ""));
        await using var stages = Sql.Command(connection, null, "SELECT source, lead_id, stage, at, rep FROM stage_changes WHERE source = @source AND lead_id = @id", ("@source", ""), ("@id", ""));
        await using var touches = Sql.Command(connection, null, "SELECT source, id, lead_id, rep, channel, at, outcome FROM touches WHERE source = @source AND lead_id = @id", ("@source", ""), ("@id", ""));
        foreach (var key in only)
        {
            Row? row = null;
            Bind(lead, key.Source, key.Id);
            await using (var reader = await lead.ExecuteReaderAsync(cancel).ConfigureAwait(false))
                if (await reader.ReadAsync(cancel).ConfigureAwait(false) && reader.IsDBNull(5) && reader.IsDBNull(6)) row = Lead(reader);
            if (row is null) continue;
            var ids = new List<string> { key.Id };
            Bind(merged, key.Source, key.Id);
            await using (var reader = await merged.ExecuteReaderAsync(cancel).ConfigureAwait(false))
                while (await reader.ReadAsync(cancel).ConfigureAwait(false)) ids.Add(reader.GetString(0));
            foreach (var id in ids)
            {
                Bind(stages, key.Source, id);
                await using (var reader = await stages.ExecuteReaderAsync(cancel).ConfigureAwait(false))
                    while (await reader.ReadAsync(cancel).ConfigureAwait(false)) row.Stages.Add(Stage(reader));
                Bind(touches, key.Source, id);
                await using (var reader = await touches.ExecuteReaderAsync(cancel).ConfigureAwait(false))
                    while (await reader.ReadAsync(cancel).ConfigureAwait(false)) row.Touches.Add(TouchOf(reader));
            }
            leads[(key.Source, key.Id)] = row;
        }
        return leads;
    }

    private static void Bind(DbCommand command, string source, string id)
    {
        command.Parameters["@source"].Value = source;
        command.Parameters["@id"].Value = id;
    }

    private static Row Lead(DbDataReader reader) =>
        new(Instant.FromUnixTimeMilliseconds(reader.GetInt64(7)), Sql.Text(reader, 2), Sql.Text(reader, 3), Sql.Text(reader, 4), [], []);

    private static StageChange Stage(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), Instant.FromUnixTimeMilliseconds(reader.GetInt64(3)), Sql.Text(reader, 4));

    private static Touch TouchOf(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), Sql.Text(reader, 3),
            LeadVocabulary.Channel(reader.GetString(4)) ?? TouchChannel.Call,
            Instant.FromUnixTimeMilliseconds(reader.GetInt64(5)),
            Sql.Text(reader, 6) is { } outcome ? LeadVocabulary.Outcome(outcome) : null);

    private static Row? Owner(Dictionary<(string, string), (string, string)> canonical, Dictionary<(string, string), Row> leads, string source, string leadId) =>
        canonical.TryGetValue((source, leadId), out var key) && leads.TryGetValue(key, out var lead) ? lead : null;

    private static string? TierOf(Agreement agreement, string? leadType) =>
        leadType is null ? null : agreement.Plan.LeadTypes.FirstOrDefault(t => string.Equals(t.Name, leadType.Trim(), StringComparison.OrdinalIgnoreCase))?.Quality;
}
