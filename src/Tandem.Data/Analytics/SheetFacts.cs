using System.Data.Common;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Tandem.Data.Clocks;

namespace Tandem.Data.Analytics;

/// <summary>
/// Keeps the sheet facts (sheet_lead_facts, sheet_deal_facts) and their rollups
/// (sheet_cohort_monthly, sheet_won_monthly, the other-currency count) in step with the raw records,
/// inside the writer's transaction. A refresh of some leads replaces their rows, subtracting the old
/// ones from the rollups and adding the new ones, exactly as <see cref="ReportFacts"/> keeps
/// arrivals_daily; a rebuild derives every lead again. The facts are those of the active
/// agreement's <see cref="SheetTerms"/>, whose hash is stored with them: a refresh under other terms
/// (or before the first rebuild) rebuilds.
/// </summary>
public static class SheetFacts
{
    /// <summary>The hash of the terms the facts were derived under, in service_state; absent until the first rebuild.</summary>
    public const string TermsState = "sheet_facts_terms";

    /// <summary>Up to this many leads are refreshed by key; more, and everything is rebuilt.</summary>
    private const int TargetedLimit = 20_000;

    /// <summary>Leads read at a time by a rebuild, which walks the leads table in key order.</summary>
    private const int PageSize = 5_000;

    /// <summary>
    /// Replaces the sheet facts of the leads of <paramref name="only"/> (keys as (source, id)), or of
    /// every lead when null. A key names a lead and what hangs on its id: the lead's facts when it is
    /// counted, those of the leads merged into it, and the deals recorded under the id (a deleted or
    /// merged lead's, or those of a lead never stored, which count without a lead); (source, '') names
    /// the source's deals without a lead id. Leads the refresh finds to be concerned too are refreshed
    /// with them: the lead a merged lead points at, and the lead a deal left or came from.
    /// </summary>
    public static Task WriteAsync(DbConnection connection, DbTransaction tx, ClockAgreements agreements, IReadOnlyCollection<(string Source, string Id)>? only, CancellationToken cancel) =>
        WriteAsync(connection, tx, agreements, only, PageSize, cancel);

    /// <summary>As <see cref="WriteAsync(DbConnection, DbTransaction, ClockAgreements, IReadOnlyCollection{ValueTuple{string, string}}?, CancellationToken)"/>, a rebuild reading <paramref name="pageSize"/> leads at a time.</summary>
    internal static async Task WriteAsync(DbConnection connection, DbTransaction tx, ClockAgreements agreements, IReadOnlyCollection<(string Source, string Id)>? only, int pageSize, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(agreements);
        var terms = SheetTerms.Of(agreements.Active);
        if (only is { Count: 0 }) return;
        var rollup = new SheetRollup();
        if (only is { Count: <= TargetedLimit } && await ReadStateAsync(connection, tx, TermsState, cancel).ConfigureAwait(false) == terms.Hash)
            await new Refresh(connection, tx, terms, rollup).RunAsync(only, cancel).ConfigureAwait(false);
        else
            await RebuildAsync(connection, tx, terms, rollup, pageSize, cancel).ConfigureAwait(false);
        await rollup.ApplyAsync(connection, tx, cancel).ConfigureAwait(false);
    }

    /// <summary>Derives every lead's facts again, a page of leads at a time, and stores the terms they hold for.</summary>
    private static async Task RebuildAsync(DbConnection connection, DbTransaction tx, SheetTerms terms, SheetRollup rollup, int pageSize, CancellationToken cancel)
    {
        foreach (var table in new[] { "sheet_lead_facts", "sheet_deal_facts", "sheet_cohort_monthly", "sheet_won_monthly" })
            await ExecuteAsync(connection, tx, $"DELETE FROM {table}", cancel).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, $"DELETE FROM service_state WHERE name = '{SheetRollup.OtherCurrencyState}'", cancel).ConfigureAwait(false);

        await using var store = new FactStore(connection, tx);
        (string Source, string Id)? after = null;
        while (true)
        {
            var (units, last) = await ReadPageAsync(connection, tx, after, pageSize, cancel).ConfigureAwait(false);
            var leads = new List<SheetLeadFact>();
            var deals = new List<SheetDealFact>();
            foreach (var unit in units)
            {
                var (lead, dealFacts) = SheetFactRows.Derive(terms, unit.Source, unit.Id, unit.Kind, unit.Lead, unit.Stages, unit.Deals);
                if (lead is not null) { leads.Add(lead); rollup.Add(lead, 1); }
                foreach (var deal in dealFacts) { deals.Add(deal); rollup.Add(deal, 1); }
            }
            await store.InsertAsync(leads, deals, cancel).ConfigureAwait(false);
            if (last is null) break;
            after = last;
        }

        // Deals without a lead id: one key per source.
        var leadless = new Dictionary<string, List<RawDeal>>(StringComparer.Ordinal);
        await using (var command = Sql.Command(connection, tx, "SELECT source, id, lead_id, amount_e4, currency, status, closed_at FROM deals WHERE lead_id IS NULL"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                (leadless.TryGetValue(reader.GetString(0), out var list) ? list : leadless[reader.GetString(0)] = []).Add(Deal(reader, 1));
        foreach (var (source, list) in leadless)
        {
            var (_, dealFacts) = SheetFactRows.Derive(terms, source, "", UnitKind.Leadless, null, [], list);
            foreach (var deal in dealFacts) rollup.Add(deal, 1);
            await store.InsertAsync([], dealFacts, cancel).ConfigureAwait(false);
        }

        await using var write = Sql.Command(connection, tx,
            "INSERT INTO service_state (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value", ("@name", TermsState), ("@value", terms.Hash));
        await write.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>A lead key with the records it owns.</summary>
    private sealed record Unit(string Source, string Id, UnitKind Kind, RawLead? Lead, List<(string Stage, long At)> Stages, List<RawDeal> Deals);

    /// <summary>
    /// The lead keys of one page of the leads table (<paramref name="size"/> rows after
    /// <paramref name="after"/>) and of the lead ids between them that no lead row has, with their
    /// records; the last key read, null when the table is done (the page then runs to the end of the
    /// key space, so deals of leads never stored after the last lead are read too).
    /// </summary>
    private static async Task<(List<Unit> Units, (string Source, string Id)? Last)> ReadPageAsync(DbConnection connection, DbTransaction tx, (string Source, string Id)? after, int size, CancellationToken cancel)
    {
        var rows = new Dictionary<(string, string), RawLead>();
        (string Source, string Id)? last = null;
        await using (var command = Sql.Command(connection, tx,
            "SELECT source, id, created_at, segment, lead_type, deleted_at, merged_into FROM leads" + (after is null ? "" : " WHERE (source, id) > (@afterSource, @afterId)") + " ORDER BY source, id LIMIT @size",
            ("@afterSource", after?.Source), ("@afterId", after?.Id), ("@size", (long)size)))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                rows[key] = Lead(key.Item2, reader, 2);
                last = key;
            }

        var (where, parameters) = Range(after, last);
        var units = new Dictionary<(string, string), Unit>();
        foreach (var ((source, id), row) in rows.Where(r => r.Value.Live))
            units[(source, id)] = new Unit(source, id, UnitKind.Live, row, [], []);

        await using (var command = Sql.Command(connection, tx, "SELECT source, lead_id, stage, MIN(at) FROM stage_changes" + where.Replace("{id}", "lead_id", StringComparison.Ordinal) + " GROUP BY source, lead_id, stage", parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                if (units.TryGetValue((reader.GetString(0), reader.GetString(1)), out var unit)) unit.Stages.Add((reader.GetString(2), reader.GetInt64(3)));

        // Whether the lead a merged lead points at is counted, wherever its key falls.
        var targets = new Dictionary<(string, string), bool>();
        async Task<bool> LiveAsync((string Source, string Id) key) =>
            rows.TryGetValue(key, out var row) ? row.Live
            : targets.TryGetValue(key, out var live) ? live
            : targets[key] = (await ReadLeadAsync(connection, tx, key.Source, key.Id, cancel).ConfigureAwait(false))?.Live == true;

        var deals = new List<RawDeal>();
        var dealSources = new List<string>();
        await using (var command = Sql.Command(connection, tx, "SELECT source, id, lead_id, amount_e4, currency, status, closed_at FROM deals" + where.Replace("{id}", "lead_id", StringComparison.Ordinal), parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) { dealSources.Add(reader.GetString(0)); deals.Add(Deal(reader, 1)); }
        for (var i = 0; i < deals.Count; i++)
        {
            var key = (dealSources[i], deals[i].LeadId!);
            if (!units.TryGetValue(key, out var unit))
            {
                var kind = !rows.TryGetValue(key, out var row) ? UnitKind.Leadless
                    : row.MergedInto is { } into && await LiveAsync((key.Item1, into)).ConfigureAwait(false) ? UnitKind.Absorbed
                    : UnitKind.Excluded;
                // A merged lead's deals are read with the lead it points at, on that lead's page.
                if (kind == UnitKind.Absorbed) continue;
                units[key] = unit = new Unit(key.Item1, key.Item2, kind, null, [], []);
            }
            unit.Deals.Add(deals[i]);
        }

        // The records of leads merged into the page's leads, wherever their keys fall.
        var merged = new List<(string Source, string Id, string Into)>();
        await using (var command = Sql.Command(connection, tx, "SELECT source, id, merged_into FROM leads" + where.Replace("{id}", "merged_into", StringComparison.Ordinal), parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) merged.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        foreach (var (source, id, into) in merged)
        {
            if (!units.TryGetValue((source, into), out var unit) || unit.Kind != UnitKind.Live) continue;
            unit.Stages.AddRange(await ReadStagesAsync(connection, tx, source, id, cancel).ConfigureAwait(false));
            unit.Deals.AddRange(await ReadDealsAsync(connection, tx, source, id, cancel).ConfigureAwait(false));
        }
        return ([.. units.Values], last);
    }

    /// <summary>The condition for lead ids in (after, last], with '{id}' for the column; open at either end when null.</summary>
    private static (string Where, (string, object?)[] Parameters) Range((string Source, string Id)? after, (string Source, string Id)? last)
    {
        // A row value with a NULL still compares by its first column: ('b', NULL) > ('a', 'x') is true.
        var parts = new List<string> { "{id} IS NOT NULL" };
        // Within one source, plain bounds: PostgreSQL does not end an index scan at a row value's upper
        // bound, so with (source, id) <= (s, x) each page of a rebuild read stage_changes on to the
        // source's last key (80 s at 1M leads instead of 29 s).
        if (after is { } a && last is { } l && a.Source == l.Source) parts.Add("source = @lastSource AND {id} > @afterId AND {id} <= @lastId");
        else
        {
            if (after is not null) parts.Add("source >= @afterSource AND (source, {id}) > (@afterSource, @afterId)");
            if (last is not null) parts.Add("source <= @lastSource AND (source, {id}) <= (@lastSource, @lastId)");
        }
        var where = " WHERE " + string.Join(" AND ", parts);
        return (where, [("@afterSource", after?.Source), ("@afterId", after?.Id), ("@lastSource", last?.Source), ("@lastId", last?.Id)]);
    }

    /// <summary>
    /// Refreshes lead keys in rounds, each a few set-based reads through the indexes (the keys' leads,
    /// the leads merged into them, their stage changes and deals, their stored rows), then the rows
    /// that differ replaced. A key whose lead is merged brings the lead it points at into the next
    /// round; a deal found under another key than the one that stored it brings in that key too.
    /// </summary>
    private sealed class Refresh(DbConnection connection, DbTransaction tx, SheetTerms terms, SheetRollup rollup)
    {
        /// <summary>Keys per statement (SQLite allows 32,766 parameters, and an IN list this long is still a few index seeks each).</summary>
        private const int Chunk = 500;

        private readonly HashSet<(string, string)> _done = [];

        public async Task RunAsync(IReadOnlyCollection<(string Source, string Id)> only, CancellationToken cancel)
        {
            await using var store = new FactStore(connection, tx);
            var round = only.Where(_done.Add).ToList();
            while (round.Count > 0)
            {
                var next = new HashSet<(string, string)>();
                foreach (var keys in round.GroupBy(k => k.Source, StringComparer.Ordinal))
                    await RoundAsync(store, keys.Key, [.. keys.Select(k => k.Id)], next, cancel).ConfigureAwait(false);
                round = [.. next.Where(_done.Add)];
            }
        }

        private async Task RoundAsync(FactStore store, string source, List<string> ids, HashSet<(string, string)> next, CancellationToken cancel)
        {
            const string LeadColumns = "SELECT id, created_at, segment, lead_type, deleted_at, merged_into FROM leads WHERE source = @source AND id IN {in}";
            var leads = new Dictionary<string, RawLead>(StringComparer.Ordinal);
            await ReadInAsync(LeadColumns, source, ids.Where(id => id.Length > 0), r => leads[r.GetString(0)] = Lead(r.GetString(0), r, 1), cancel).ConfigureAwait(false);
            var targets = new Dictionary<string, RawLead>(StringComparer.Ordinal);
            await ReadInAsync(LeadColumns, source, leads.Values.Select(l => l.MergedInto).OfType<string>().Where(t => !leads.ContainsKey(t)),
                r => targets[r.GetString(0)] = Lead(r.GetString(0), r, 1), cancel).ConfigureAwait(false);
            bool Live(string id) => (leads.TryGetValue(id, out var lead) || targets.TryGetValue(id, out lead)) && lead.Live;

            var kinds = new Dictionary<string, UnitKind>(StringComparer.Ordinal);
            var owner = new Dictionary<string, string>(StringComparer.Ordinal); // lead id of a record -> the key it counts under
            foreach (var id in ids)
            {
                var kind = !leads.TryGetValue(id, out var lead) ? UnitKind.Leadless
                    : lead.MergedInto is { } into ? (Live(into) ? UnitKind.Absorbed : UnitKind.Excluded)
                    : lead.Deleted ? UnitKind.Excluded
                    : UnitKind.Live;
                if (lead?.MergedInto is { } target) next.Add((source, target));
                kinds[id] = kind;
                if (kind != UnitKind.Absorbed && id.Length > 0) owner[id] = id;
            }
            var live = ids.Where(id => kinds[id] == UnitKind.Live).ToList();
            await ReadInAsync("SELECT id, merged_into FROM leads WHERE source = @source AND merged_into IN {in}", source, live,
                r => owner[r.GetString(0)] = r.GetString(1), cancel).ConfigureAwait(false);

            var stages = ids.ToDictionary(id => id, _ => new List<(string, long)>(), StringComparer.Ordinal);
            await ReadInAsync("SELECT lead_id, stage, MIN(at) FROM stage_changes WHERE source = @source AND lead_id IN {in} GROUP BY lead_id, stage", source,
                owner.Where(o => kinds[o.Value] == UnitKind.Live).Select(o => o.Key), r => stages[owner[r.GetString(0)]].Add((r.GetString(1), r.GetInt64(2))), cancel).ConfigureAwait(false);
            var deals = ids.ToDictionary(id => id, _ => new List<RawDeal>(), StringComparer.Ordinal);
            await ReadInAsync("SELECT id, lead_id, amount_e4, currency, status, closed_at FROM deals WHERE source = @source AND lead_id IN {in}", source, owner.Keys,
                r => deals[owner[r.GetString(1)]].Add(Deal(r, 0)), cancel).ConfigureAwait(false);
            if (deals.TryGetValue("", out var leadless)) leadless.AddRange(await ReadDealsAsync(connection, tx, source, null, cancel).ConfigureAwait(false));

            var newLeads = new Dictionary<string, SheetLeadFact>(StringComparer.Ordinal);
            var newDeals = new Dictionary<string, SheetDealFact>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                var (lead, dealFacts) = SheetFactRows.Derive(terms, source, id, kinds[id], leads.GetValueOrDefault(id), stages[id], deals[id]);
                if (lead is not null) newLeads[id] = lead;
                foreach (var deal in dealFacts) newDeals[deal.DealId] = deal;
            }
            var oldLeads = new Dictionary<string, SheetLeadFact>(StringComparer.Ordinal);
            await ReadInAsync($"SELECT {FactStore.LeadColumns} FROM sheet_lead_facts WHERE source = @source AND lead_id IN {{in}}", source, ids,
                r => oldLeads[r.GetString(1)] = FactStore.LeadFact(r), cancel).ConfigureAwait(false);
            var oldDeals = new Dictionary<string, SheetDealFact>(StringComparer.Ordinal);
            await ReadInAsync($"SELECT {FactStore.DealColumns} FROM sheet_deal_facts WHERE source = @source AND owner IN {{in}}", source, ids,
                r => oldDeals[r.GetString(1)] = FactStore.DealFact(r), cancel).ConfigureAwait(false);

            var (dropLeads, insertLeads) = (new List<string>(), new List<SheetLeadFact>());
            foreach (var id in ids)
            {
                var (old, fresh) = (oldLeads.GetValueOrDefault(id), newLeads.GetValueOrDefault(id));
                if (old == fresh) continue;
                if (old is not null) { rollup.Add(old, -1); dropLeads.Add(id); }
                if (fresh is not null) { rollup.Add(fresh, 1); insertLeads.Add(fresh); }
            }

            var (dropDeals, insertDeals, arrived) = (new List<string>(), new List<SheetDealFact>(), new List<string>());
            foreach (var deal in newDeals.Values)
            {
                if (oldDeals.Remove(deal.DealId, out var old))
                {
                    if (old == deal) continue;
                    rollup.Add(old, -1);
                    dropDeals.Add(deal.DealId);
                }
                else arrived.Add(deal.DealId);
                rollup.Add(deal, 1);
                insertDeals.Add(deal);
            }
            // Stored under a key outside this round: the deal moved here, and that key must drop it.
            await ReadInAsync($"SELECT {FactStore.DealColumns} FROM sheet_deal_facts WHERE source = @source AND deal_id IN {{in}}", source, arrived, r =>
            {
                var elsewhere = FactStore.DealFact(r);
                rollup.Add(elsewhere, -1);
                dropDeals.Add(elsewhere.DealId);
                next.Add((source, elsewhere.Owner));
            }, cancel).ConfigureAwait(false);
            // No longer any of these keys': it moved to another lead, which is refreshed too (its lead, if merged, brings in the one it counts for).
            foreach (var gone in oldDeals.Values)
            {
                rollup.Add(gone, -1);
                dropDeals.Add(gone.DealId);
            }
            await ReadInAsync("SELECT lead_id FROM deals WHERE source = @source AND id IN {in}", source, oldDeals.Keys,
                r => next.Add((source, Sql.Text(r, 0) ?? "")), cancel).ConfigureAwait(false);

            await ExecuteInAsync("DELETE FROM sheet_lead_facts WHERE source = @source AND lead_id IN {in}", source, dropLeads, cancel).ConfigureAwait(false);
            await ExecuteInAsync("DELETE FROM sheet_deal_facts WHERE source = @source AND deal_id IN {in}", source, dropDeals, cancel).ConfigureAwait(false);
            await store.InsertAsync(insertLeads, insertDeals, cancel).ConfigureAwait(false);
        }

        /// <summary>Runs <paramref name="sql"/> ('{in}' for the list) for <paramref name="ids"/> of <paramref name="source"/>, <see cref="Chunk"/> at a time.</summary>
        private async Task ReadInAsync(string sql, string source, IEnumerable<string> ids, Action<DbDataReader> row, CancellationToken cancel)
        {
            foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(Chunk))
            {
                await using var command = InCommand(sql, source, chunk);
                await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
                while (await reader.ReadAsync(cancel).ConfigureAwait(false)) row(reader);
            }
        }

        private async Task ExecuteInAsync(string sql, string source, IEnumerable<string> ids, CancellationToken cancel)
        {
            foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(Chunk))
            {
                await using var command = InCommand(sql, source, chunk);
                await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            }
        }

        private DbCommand InCommand(string sql, string source, string[] ids) =>
            Sql.Command(connection, tx, sql.Replace("{in}", "(" + string.Join(", ", ids.Select((_, i) => $"@k{i}")) + ")", StringComparison.Ordinal),
                [("@source", source), .. ids.Select((id, i) => ($"@k{i}", (object?)id))]);
    }

    private static async Task<RawLead?> ReadLeadAsync(DbConnection connection, DbTransaction tx, string source, string id, CancellationToken cancel)
    {
        await using var command = Sql.Command(connection, tx, "SELECT created_at, segment, lead_type, deleted_at, merged_into FROM leads WHERE source = @source AND id = @id", ("@source", source), ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await reader.ReadAsync(cancel).ConfigureAwait(false) ? Lead(id, reader, 0) : null;
    }


    private static async Task<List<(string, long)>> ReadStagesAsync(DbConnection connection, DbTransaction tx, string source, string id, CancellationToken cancel)
    {
        var stages = new List<(string, long)>();
        await using var command = Sql.Command(connection, tx, "SELECT stage, MIN(at) FROM stage_changes WHERE source = @source AND lead_id = @id GROUP BY stage", ("@source", source), ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) stages.Add((reader.GetString(0), reader.GetInt64(1)));
        return stages;
    }

    /// <summary>The deals recorded under lead <paramref name="id"/>, or without a lead when null.</summary>
    private static async Task<List<RawDeal>> ReadDealsAsync(DbConnection connection, DbTransaction tx, string source, string? id, CancellationToken cancel)
    {
        var deals = new List<RawDeal>();
        await using var command = Sql.Command(connection, tx,
            "SELECT id, lead_id, amount_e4, currency, status, closed_at FROM deals WHERE source = @source AND " + (id is null ? "lead_id IS NULL" : "lead_id = @id"), ("@source", source), ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) deals.Add(Deal(reader, 0));
        return deals;
    }


    /// <summary>Lead <paramref name="id"/> from (created_at, segment, lead_type, deleted_at, merged_into) starting at <paramref name="at"/>.</summary>
    private static RawLead Lead(string id, DbDataReader reader, int at) =>
        new(id, Instant.FromUnixTimeMilliseconds(reader.GetInt64(at)), Sql.Text(reader, at + 1), Sql.Text(reader, at + 2), !reader.IsDBNull(at + 3), Sql.Text(reader, at + 4));

    /// <summary>A deal from (id, lead_id, amount_e4, currency, status, closed_at) starting at <paramref name="at"/>.</summary>
    private static RawDeal Deal(DbDataReader reader, int at) =>
        new(reader.GetString(at), Sql.Text(reader, at + 1), Sql.Long(reader, at + 2), Sql.Text(reader, at + 3), reader.GetString(at + 4), Sql.Long(reader, at + 5));

    internal static async Task<long?> ReadStateAsync(DbConnection connection, DbTransaction? tx, string name, CancellationToken cancel)
    {
        await using var read = Sql.Command(connection, tx, "SELECT value FROM service_state WHERE name = @name", ("@name", name));
        return await read.ExecuteScalarAsync(cancel).ConfigureAwait(false) is { } v and not DBNull ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction tx, string sql, CancellationToken cancel)
    {
        await using var command = Sql.Command(connection, tx, sql);
        await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Writes the fact rows: a prepared statement per row, and COPY for more than a few on PostgreSQL.</summary>
    private sealed class FactStore(DbConnection connection, DbTransaction tx) : IAsyncDisposable
    {
        public const string LeadColumns = "source, lead_id, segment, lead_type, flags, cohort_month, depth, customer, priced, still_open, revenue_e4, cycle_seconds, win_month";
        public const string DealColumns = "source, deal_id, owner, other_currency, won_month, segment, lead_type, flags, amount_e4";
        private readonly List<DbCommand> _commands = [];
        private DbCommand? _insertLead, _insertDeal;

        private DbCommand Command(ref DbCommand? command, string sql, params string[] parameters)
        {
            if (command is not null) return command;
            command = Sql.Command(connection, tx, sql, [.. parameters.Select(p => (p, (object?)null))]);
            _commands.Add(command);
            return command;
        }

        /// <summary>Inserts rows; on PostgreSQL more than a few go in one COPY, since a round trip per row would be most of a rebuild.</summary>
        public async Task InsertAsync(List<SheetLeadFact> leads, List<SheetDealFact> deals, CancellationToken cancel)
        {
            if (connection is NpgsqlConnection postgres && leads.Count + deals.Count > 16)
            {
                await CopyAsync(postgres, leads, deals, cancel).ConfigureAwait(false);
                return;
            }
            foreach (var f in leads)
            {
                var command = Command(ref _insertLead, $"INSERT INTO sheet_lead_facts ({LeadColumns}) VALUES (@v0, @v1, @v2, @v3, @v4, @v5, @v6, @v7, @v8, @v9, @v10, @v11, @v12)",
                    [.. Enumerable.Range(0, 13).Select(i => $"@v{i}")]);
                var values = LeadValues(f);
                for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            }
            foreach (var f in deals)
            {
                var command = Command(ref _insertDeal, $"INSERT INTO sheet_deal_facts ({DealColumns}) VALUES (@v0, @v1, @v2, @v3, @v4, @v5, @v6, @v7, @v8)",
                    [.. Enumerable.Range(0, 9).Select(i => $"@v{i}")]);
                var values = DealValues(f);
                for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            }
        }

        private static async Task CopyAsync(NpgsqlConnection connection, List<SheetLeadFact> leads, List<SheetDealFact> deals, CancellationToken cancel)
        {
            foreach (var (table, columns, rows) in new[] { ("sheet_lead_facts", LeadColumns, leads.Select(LeadValues)), ("sheet_deal_facts", DealColumns, deals.Select(DealValues)) })
            {
                var list = rows.ToList();
                if (list.Count == 0) continue;
                await using var copy = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", cancel).ConfigureAwait(false);
                foreach (var row in list)
                {
                    await copy.StartRowAsync(cancel).ConfigureAwait(false);
                    foreach (var value in row)
                    {
                        switch (value)
                        {
                            case null: await copy.WriteNullAsync(cancel).ConfigureAwait(false); break;
                            case string text: await copy.WriteAsync(text, NpgsqlDbType.Text, cancel).ConfigureAwait(false); break;
                            default: await copy.WriteAsync((long)value, NpgsqlDbType.Bigint, cancel).ConfigureAwait(false); break;
                        }
                    }
                }
                await copy.CompleteAsync(cancel).ConfigureAwait(false);
            }
        }

        private static object?[] LeadValues(SheetLeadFact f) =>
            [f.Source, f.LeadId, f.Group.Segment, f.Group.LeadType, f.Group.Flags, f.CohortMonth, f.Depth, f.Customer ? 1L : 0L, f.Priced ? 1L : 0L, f.StillOpen ? 1L : 0L,
             f.RevenueE4, f.CycleSeconds, f.WinMonth];

        private static object?[] DealValues(SheetDealFact f) =>
            [f.Source, f.DealId, f.Owner, f.OtherCurrency ? 1L : 0L, f.WonMonth, f.Group.Segment, f.Group.LeadType, f.Group.Flags, f.AmountE4];

        public static SheetLeadFact LeadFact(DbDataReader r) =>
            new(r.GetString(0), r.GetString(1), new SheetGroupKey(r.GetString(2), r.GetString(3), r.GetInt64(4)), Sql.Long(r, 5), r.GetInt64(6), r.GetInt64(7) == 1, r.GetInt64(8) == 1,
                r.GetInt64(9) == 1, r.GetInt64(10), r.GetInt64(11), Sql.Long(r, 12));

        public static SheetDealFact DealFact(DbDataReader r) =>
            new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3) == 1, Sql.Long(r, 4), new SheetGroupKey(r.GetString(5), r.GetString(6), r.GetInt64(7)), Sql.Long(r, 8));

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _commands) await command.DisposeAsync().ConfigureAwait(false);
        }
    }
}
