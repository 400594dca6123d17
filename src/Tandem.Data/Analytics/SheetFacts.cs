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
    public static async Task WriteAsync(DbConnection connection, DbTransaction tx, ClockAgreements agreements, IReadOnlyCollection<(string Source, string Id)>? only, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(agreements);
        var terms = SheetTerms.Of(agreements.Active);
        if (only is { Count: 0 }) return;
        var rollup = new SheetRollup();
        if (only is { Count: <= TargetedLimit } && await ReadStateAsync(connection, tx, TermsState, cancel).ConfigureAwait(false) == terms.Hash)
            await new Refresh(connection, tx, terms, rollup).RunAsync(only, cancel).ConfigureAwait(false);
        else
            await RebuildAsync(connection, tx, terms, rollup, cancel).ConfigureAwait(false);
        await rollup.ApplyAsync(connection, tx, cancel).ConfigureAwait(false);
    }

    /// <summary>Derives every lead's facts again, a page of leads at a time, and stores the terms they hold for.</summary>
    private static async Task RebuildAsync(DbConnection connection, DbTransaction tx, SheetTerms terms, SheetRollup rollup, CancellationToken cancel)
    {
        foreach (var table in new[] { "sheet_lead_facts", "sheet_deal_facts", "sheet_cohort_monthly", "sheet_won_monthly" })
            await ExecuteAsync(connection, tx, $"DELETE FROM {table}", cancel).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, $"DELETE FROM service_state WHERE name = '{SheetRollup.OtherCurrencyState}'", cancel).ConfigureAwait(false);

        await using var store = new FactStore(connection, tx);
        (string Source, string Id)? after = null;
        while (true)
        {
            var (units, last) = await ReadPageAsync(connection, tx, after, cancel).ConfigureAwait(false);
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
    /// The lead keys of one page of the leads table (<see cref="PageSize"/> rows after
    /// <paramref name="after"/>) and of the lead ids between them that no lead row has, with their
    /// records; the last key read, null when the table is done (the page then runs to the end of the
    /// key space, so deals of leads never stored after the last lead are read too).
    /// </summary>
    private static async Task<(List<Unit> Units, (string Source, string Id)? Last)> ReadPageAsync(DbConnection connection, DbTransaction tx, (string Source, string Id)? after, CancellationToken cancel)
    {
        var rows = new Dictionary<(string, string), RawLead>();
        (string Source, string Id)? last = null;
        await using (var command = Sql.Command(connection, tx,
            "SELECT source, id, created_at, segment, lead_type, deleted_at, merged_into FROM leads" + (after is null ? "" : " WHERE (source, id) > (@afterSource, @afterId)") + " ORDER BY source, id LIMIT @size",
            ("@afterSource", after?.Source), ("@afterId", after?.Id), ("@size", (long)PageSize)))
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
        if (after is not null) parts.Add("(source, {id}) > (@afterSource, @afterId)");
        if (last is not null) parts.Add("(source, {id}) <= (@lastSource, @lastId)");
        var where = " WHERE " + string.Join(" AND ", parts);
        return (where, [("@afterSource", after?.Source), ("@afterId", after?.Id), ("@lastSource", last?.Source), ("@lastId", last?.Id)]);
    }

    /// <summary>
    /// Refreshes lead keys one by one through the indexes: each key's records are derived again, and
    /// its old rows are replaced where they differ. A key whose lead is merged brings in the lead it
    /// points at; a deal found under another key than the one that stored it brings in that key.
    /// </summary>
    private sealed class Refresh(DbConnection connection, DbTransaction tx, SheetTerms terms, SheetRollup rollup)
    {
        private readonly Queue<(string Source, string Id)> _pending = new();
        private readonly HashSet<(string, string)> _done = [];

        public async Task RunAsync(IReadOnlyCollection<(string Source, string Id)> only, CancellationToken cancel)
        {
            foreach (var key in only) _pending.Enqueue(key);
            await using var store = new FactStore(connection, tx);
            while (_pending.TryDequeue(out var key))
                if (_done.Add(key)) await RefreshAsync(store, key.Source, key.Id, cancel).ConfigureAwait(false);
        }

        private async Task RefreshAsync(FactStore store, string source, string id, CancellationToken cancel)
        {
            RawLead? lead = null;
            var kind = UnitKind.Leadless;
            var stages = new List<(string, long)>();
            var deals = new List<RawDeal>();
            if (id.Length == 0) deals.AddRange(await ReadDealsAsync(connection, tx, source, null, cancel).ConfigureAwait(false));
            else if ((lead = await ReadLeadAsync(connection, tx, source, id, cancel).ConfigureAwait(false)) is null)
                deals.AddRange(await ReadDealsAsync(connection, tx, source, id, cancel).ConfigureAwait(false));
            else if (lead.MergedInto is { } into)
            {
                _pending.Enqueue((source, into));
                kind = (await ReadLeadAsync(connection, tx, source, into, cancel).ConfigureAwait(false))?.Live == true ? UnitKind.Absorbed : UnitKind.Excluded;
                if (kind == UnitKind.Excluded) deals.AddRange(await ReadDealsAsync(connection, tx, source, id, cancel).ConfigureAwait(false));
            }
            else if (lead.Deleted)
            {
                kind = UnitKind.Excluded;
                deals.AddRange(await ReadDealsAsync(connection, tx, source, id, cancel).ConfigureAwait(false));
            }
            else
            {
                kind = UnitKind.Live;
                foreach (var owned in (string[])[id, .. await ReadMergedAsync(connection, tx, source, id, cancel).ConfigureAwait(false)])
                {
                    stages.AddRange(await ReadStagesAsync(connection, tx, source, owned, cancel).ConfigureAwait(false));
                    deals.AddRange(await ReadDealsAsync(connection, tx, source, owned, cancel).ConfigureAwait(false));
                }
            }
            var (leadFact, dealFacts) = SheetFactRows.Derive(terms, source, id, kind, lead, stages, deals);

            var oldLead = await store.LeadAsync(source, id, cancel).ConfigureAwait(false);
            if (oldLead != leadFact)
            {
                if (oldLead is not null) { rollup.Add(oldLead, -1); await store.DeleteLeadAsync(source, id, cancel).ConfigureAwait(false); }
                if (leadFact is not null) { rollup.Add(leadFact, 1); await store.InsertAsync([leadFact], [], cancel).ConfigureAwait(false); }
            }

            var oldDeals = (await store.DealsOfAsync(source, id, cancel).ConfigureAwait(false)).ToDictionary(d => d.DealId, StringComparer.Ordinal);
            var inserts = new List<SheetDealFact>();
            foreach (var deal in dealFacts)
            {
                if (oldDeals.Remove(deal.DealId, out var old))
                {
                    if (old == deal) continue;
                    rollup.Add(old, -1);
                    await store.DeleteDealAsync(source, deal.DealId, cancel).ConfigureAwait(false);
                }
                else if (await store.DealAsync(source, deal.DealId, cancel).ConfigureAwait(false) is { } elsewhere)
                {
                    // Stored under another key: it moved here, and the key it left must drop it.
                    rollup.Add(elsewhere, -1);
                    await store.DeleteDealAsync(source, deal.DealId, cancel).ConfigureAwait(false);
                    if (!_done.Contains((source, elsewhere.Owner))) _pending.Enqueue((source, elsewhere.Owner));
                }
                rollup.Add(deal, 1);
                inserts.Add(deal);
            }
            await store.InsertAsync([], inserts, cancel).ConfigureAwait(false);
            foreach (var gone in oldDeals.Values)
            {
                // No longer this key's: it moved to another lead (refreshed too), or its lead now counts it elsewhere.
                rollup.Add(gone, -1);
                await store.DeleteDealAsync(source, gone.DealId, cancel).ConfigureAwait(false);
                if (await ReadDealLeadAsync(connection, tx, source, gone.DealId, cancel).ConfigureAwait(false) is { } now && !_done.Contains((source, now)))
                    _pending.Enqueue((source, now));
            }
        }
    }

    private static async Task<RawLead?> ReadLeadAsync(DbConnection connection, DbTransaction tx, string source, string id, CancellationToken cancel)
    {
        await using var command = Sql.Command(connection, tx, "SELECT created_at, segment, lead_type, deleted_at, merged_into FROM leads WHERE source = @source AND id = @id", ("@source", source), ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await reader.ReadAsync(cancel).ConfigureAwait(false) ? Lead(id, reader, 0) : null;
    }

    private static async Task<List<string>> ReadMergedAsync(DbConnection connection, DbTransaction tx, string source, string id, CancellationToken cancel)
    {
        var ids = new List<string>();
        await using var command = Sql.Command(connection, tx, "SELECT id FROM leads WHERE source = @source AND merged_into = @id", ("@source", source), ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) ids.Add(reader.GetString(0));
        return ids;
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

    /// <summary>The key a deal is recorded under now ('' without a lead id), or null when the deal is gone.</summary>
    private static async Task<string?> ReadDealLeadAsync(DbConnection connection, DbTransaction tx, string source, string dealId, CancellationToken cancel)
    {
        await using var command = Sql.Command(connection, tx, "SELECT lead_id FROM deals WHERE source = @source AND id = @id", ("@source", source), ("@id", dealId));
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await reader.ReadAsync(cancel).ConfigureAwait(false) ? Sql.Text(reader, 0) ?? "" : null;
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

    /// <summary>Reads and writes the fact rows: prepared statements, and COPY for many rows on PostgreSQL.</summary>
    private sealed class FactStore(DbConnection connection, DbTransaction tx) : IAsyncDisposable
    {
        private const string LeadColumns = "source, lead_id, segment, lead_type, flags, cohort_month, depth, customer, priced, still_open, revenue_e4, cycle_seconds, win_month";
        private const string DealColumns = "source, deal_id, owner, other_currency, won_month, segment, lead_type, flags, amount_e4";
        private readonly List<DbCommand> _commands = [];

        private DbCommand Command(ref DbCommand? command, string sql, params string[] parameters)
        {
            if (command is not null) return command;
            command = Sql.Command(connection, tx, sql, [.. parameters.Select(p => (p, (object?)null))]);
            _commands.Add(command);
            return command;
        }

        private DbCommand? _lead, _dealsOf, _deal, _dropLead, _dropDeal, _insertLead, _insertDeal;

        public async Task<SheetLeadFact?> LeadAsync(string source, string id, CancellationToken cancel)
        {
            var command = Bind(Command(ref _lead, $"SELECT {LeadColumns} FROM sheet_lead_facts WHERE source = @source AND lead_id = @id", "@source", "@id"), source, id);
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            return await reader.ReadAsync(cancel).ConfigureAwait(false) ? LeadFact(reader) : null;
        }

        public async Task<List<SheetDealFact>> DealsOfAsync(string source, string owner, CancellationToken cancel)
        {
            var command = Bind(Command(ref _dealsOf, $"SELECT {DealColumns} FROM sheet_deal_facts WHERE source = @source AND owner = @id", "@source", "@id"), source, owner);
            var deals = new List<SheetDealFact>();
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false)) deals.Add(DealFact(reader));
            return deals;
        }

        public async Task<SheetDealFact?> DealAsync(string source, string dealId, CancellationToken cancel)
        {
            var command = Bind(Command(ref _deal, $"SELECT {DealColumns} FROM sheet_deal_facts WHERE source = @source AND deal_id = @id", "@source", "@id"), source, dealId);
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            return await reader.ReadAsync(cancel).ConfigureAwait(false) ? DealFact(reader) : null;
        }

        public Task<int> DeleteLeadAsync(string source, string id, CancellationToken cancel) =>
            Bind(Command(ref _dropLead, "DELETE FROM sheet_lead_facts WHERE source = @source AND lead_id = @id", "@source", "@id"), source, id).ExecuteNonQueryAsync(cancel);

        public Task<int> DeleteDealAsync(string source, string dealId, CancellationToken cancel) =>
            Bind(Command(ref _dropDeal, "DELETE FROM sheet_deal_facts WHERE source = @source AND deal_id = @id", "@source", "@id"), source, dealId).ExecuteNonQueryAsync(cancel);

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

        private static SheetLeadFact LeadFact(DbDataReader r) =>
            new(r.GetString(0), r.GetString(1), new SheetGroupKey(r.GetString(2), r.GetString(3), r.GetInt64(4)), Sql.Long(r, 5), r.GetInt64(6), r.GetInt64(7) == 1, r.GetInt64(8) == 1,
                r.GetInt64(9) == 1, r.GetInt64(10), r.GetInt64(11), Sql.Long(r, 12));

        private static SheetDealFact DealFact(DbDataReader r) =>
            new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3) == 1, Sql.Long(r, 4), new SheetGroupKey(r.GetString(5), r.GetString(6), r.GetInt64(7)), Sql.Long(r, 8));

        private static DbCommand Bind(DbCommand command, string source, string id)
        {
            command.Parameters["@source"].Value = source;
            command.Parameters["@id"].Value = id;
            return command;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _commands) await command.DisposeAsync().ConfigureAwait(false);
        }
    }
}
