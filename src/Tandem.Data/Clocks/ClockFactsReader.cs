using System.Data.Common;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Clocks;
using Tandem.Domain.Leads;

namespace Tandem.Data.Clocks;

/// <summary>A lead the clocks run for: its key and what they are computed from.</summary>
public sealed record ClockLead(string Source, string Id, LeadFacts Facts);

/// <summary>
/// Reads what the clocks are computed from: every lead neither deleted nor merged away, with the
/// stage changes and touches recorded under it or under a lead merged into it. Records whose lead
/// has not arrived yet wait for it; they are read again on the next refresh.
/// </summary>
public static class ClockFactsReader
{
    /// <summary>The leads, or only those of <paramref name="only"/> when given (keys as (source, id)).</summary>
    public static async Task<IReadOnlyList<ClockLead>> ReadAsync(DbConnection connection, Agreement active, IReadOnlyCollection<(string Source, string Id)>? only, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(active);
        var leads = new Dictionary<(string, string), (string? Owner, string? Segment, string? Type, List<StageChange> Stages, List<Touch> Touches)>();
        var canonical = new Dictionary<(string, string), (string, string)>();
        await using (var command = Sql.Command(connection, null, "SELECT source, id, owner, segment, lead_type, deleted_at, merged_into FROM leads"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (Sql.Text(reader, 6) is { } into) { canonical[key] = (key.Item1, into); continue; }
                if (!reader.IsDBNull(5)) continue;
                if (only is not null && !only.Contains(key)) continue;
                canonical[key] = key;
                leads[key] = (Sql.Text(reader, 2), Sql.Text(reader, 3), Sql.Text(reader, 4), [], []);
            }
        }

        await using (var command = Sql.Command(connection, null, "SELECT source, lead_id, stage, at, rep FROM stage_changes"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                if (Owner(canonical, leads, reader.GetString(0), reader.GetString(1)) is { } lead)
                    lead.Stages.Add(new StageChange(reader.GetString(0), reader.GetString(1), reader.GetString(2), Instant.FromUnixTimeMilliseconds(reader.GetInt64(3)), Sql.Text(reader, 4)));

        await using (var command = Sql.Command(connection, null, "SELECT source, id, lead_id, rep, channel, at, outcome FROM touches"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                if (Owner(canonical, leads, reader.GetString(0), reader.GetString(2)) is { } lead)
                    lead.Touches.Add(new Touch(reader.GetString(0), reader.GetString(1), reader.GetString(2), Sql.Text(reader, 3),
                        LeadVocabulary.Channel(reader.GetString(4)) ?? TouchChannel.Call,
                        Instant.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                        Sql.Text(reader, 6) is { } outcome ? LeadVocabulary.Outcome(outcome) : null));

        return [.. leads.Select(l => new ClockLead(l.Key.Item1, l.Key.Item2,
            new LeadFacts(l.Value.Stages, l.Value.Touches, l.Value.Owner, l.Value.Segment, l.Value.Type, TierOf(active, l.Value.Type))))];
    }

    private static (string? Owner, string? Segment, string? Type, List<StageChange> Stages, List<Touch> Touches)? Owner(
        Dictionary<(string, string), (string, string)> canonical,
        Dictionary<(string, string), (string? Owner, string? Segment, string? Type, List<StageChange> Stages, List<Touch> Touches)> leads,
        string source, string leadId) =>
        canonical.TryGetValue((source, leadId), out var key) && leads.TryGetValue(key, out var lead) ? lead : null;

    private static string? TierOf(Agreement agreement, string? leadType) =>
        leadType is null ? null : agreement.Plan.LeadTypes.FirstOrDefault(t => string.Equals(t.Name, leadType.Trim(), StringComparison.OrdinalIgnoreCase))?.Quality;
}
