using System.Data.Common;
using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Leads;
using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;

namespace Tandem.Data.Analytics;

/// <summary>What the tracking sheet is computed from, and the deals it had to leave out.</summary>
public sealed record SheetData(IReadOnlyList<string> Funnel, IReadOnlyList<SheetLead> Leads, IReadOnlyList<SheetDeal> Deals, int OtherCurrencyDeals);

/// <summary>
/// Reads leads, their first entry into each stage and their deals for the tracking sheet. A lead is
/// marketing-generated when its lead type is (or, when the agreement lists no lead types, always). Deleted
/// leads are left out; a merged lead's stages and deals belong to the lead it was merged into.
/// Only deals in the agreement's currency (or with none given) are counted; the others are counted
/// apart, so the sheet can say so.
/// </summary>
public static class SheetReader
{
    /// <summary>Reads everything, marking lead types as the agreement does.</summary>
    public static async Task<SheetData> ReadAsync(DbConnection connection, Agreement agreement, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(agreement);
        var funnel = FunnelOf(agreement);
        var marketing = agreement.Plan.LeadTypes.Where(t => t.Origin == LeadOrigin.Marketing).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var canonical = new Dictionary<(string, string), (string, string)>();
        var rows = new Dictionary<(string, string), (Instant Created, string? Segment, string? Type, Dictionary<string, Instant> Stages)>();
        await using (var command = Sql.Command(connection, null, "SELECT source, id, created_at, segment, lead_type, deleted_at, merged_into FROM leads"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (Sql.Text(reader, 6) is { } into) { canonical[key] = (key.Item1, into); continue; }
                // A deleted lead is known but not counted: its deals are left out below, not taken for deals without a lead.
                canonical[key] = key;
                if (!reader.IsDBNull(5)) continue;
                rows[key] = (Instant.FromUnixTimeMilliseconds(reader.GetInt64(2)), Sql.Text(reader, 3), Sql.Text(reader, 4), new Dictionary<string, Instant>(StringComparer.OrdinalIgnoreCase));
            }

        await using (var command = Sql.Command(connection, null, "SELECT source, lead_id, stage, MIN(at) FROM stage_changes GROUP BY source, lead_id, stage"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                if (!canonical.TryGetValue((reader.GetString(0), reader.GetString(1)), out var key) || !rows.TryGetValue(key, out var lead)) continue;
                var stage = StageName(funnel, reader.GetString(2));
                var at = Instant.FromUnixTimeMilliseconds(reader.GetInt64(3));
                if (!lead.Stages.TryGetValue(stage, out var earlier) || at < earlier) lead.Stages[stage] = at;
            }

        var deals = new List<SheetDeal>();
        var otherCurrency = 0;
        await using (var command = Sql.Command(connection, null, "SELECT source, lead_id, amount_e4, currency, status, closed_at FROM deals"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                if (Sql.Text(reader, 3) is { } currency && !string.Equals(currency, agreement.Currency, StringComparison.OrdinalIgnoreCase)) { otherCurrency++; continue; }
                string? leadKey = null;
                if (Sql.Text(reader, 1) is { } leadId)
                {
                    if (canonical.TryGetValue((reader.GetString(0), leadId), out var key) && rows.ContainsKey(key)) leadKey = Key(key);
                    else if (canonical.ContainsKey((reader.GetString(0), leadId))) continue; // its lead was deleted: left out of every figure
                }
                var status = reader.GetString(4);
                deals.Add(new SheetDeal(leadKey, Sql.Long(reader, 2) is { } amount ? new Fraction(amount, 10_000) : null, status == "won", status == "lost",
                    Sql.Long(reader, 5) is { } closed ? Instant.FromUnixTimeMilliseconds(closed) : null));
            }

        // An agreement without lead types makes no distinction: every lead is marketing's.
        var everyLead = agreement.Plan.LeadTypes.Count == 0;
        var leads = rows.Select(r => new SheetLead(Key(r.Key), r.Value.Created, r.Value.Segment, r.Value.Type,
            everyLead || (r.Value.Type is not null && marketing.Contains(r.Value.Type.Trim())), r.Value.Stages)).ToList();
        return new SheetData(funnel, leads, deals, otherCurrency);
    }

    /// <summary>A recorded stage's name as the sheet counts it: the funnel's own spelling, else Tandem's standard stage, else as recorded.</summary>
    public static string StageName(IReadOnlyList<string> funnel, string recorded)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        return funnel.FirstOrDefault(s => string.Equals(s, recorded, StringComparison.OrdinalIgnoreCase)) ?? LeadStages.Normalize(recorded) ?? recorded;
    }

    /// <summary>The funnel's stage names, first the one marketing delivers into.</summary>
    public static IReadOnlyList<string> FunnelOf(Agreement agreement) =>
        (agreement ?? throw new ArgumentNullException(nameof(agreement))).Plan.Funnel?.Stages.Select(s => s.Name).ToList() ?? [Funnel.LeadStage];

    private static string Key((string Source, string Id) key) => key.Source + "\u001f" + key.Id;
}
