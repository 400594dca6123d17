using System.Data.Common;

namespace Tandem.Data.Store;

/// <summary>One event in a lead's history: a stage change, a touch or a deal, with the lead id it was recorded under.</summary>
public sealed record TimelineEvent(string Kind, string LeadId, long? At, IReadOnlyDictionary<string, object?> Fields);

/// <summary>A lead as stored, with its whole history (including that of leads merged into it), oldest first.</summary>
public sealed record LeadHistory(IReadOnlyDictionary<string, object?> Lead, IReadOnlyList<string> MergedFrom, IReadOnlyList<TimelineEvent> Timeline);

/// <summary>Reads a lead and its timeline.</summary>
public static class LeadTimeline
{
    /// <summary>The lead (source, id) with its timeline, or null when there is no such lead.</summary>
    public static async Task<LeadHistory?> ReadAsync(DbConnection connection, string source, string id, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var leads = await QueryAsync(connection,
            "SELECT id, created_at, lead_type, segment, owner, name, email, company, title, deleted_at, merged_into, forgotten_at, revision, updated_at FROM leads WHERE source = @source AND (id = @id OR merged_into = @id) ORDER BY id",
            [("@source", source), ("@id", id)], cancel).ConfigureAwait(false);
        var lead = leads.FirstOrDefault(l => (string)l["id"]! == id);
        if (lead is null) return null;
        var ids = leads.Select(l => (string)l["id"]!).ToList();
        var inList = string.Join(", ", ids.Select((_, i) => "@l" + i));
        var parameters = ids.Select((v, i) => ("@l" + i, (object)v)).Append(("@source", source)).ToArray();
        var timeline = new List<TimelineEvent>();
        foreach (var (kind, sql, at) in new[]
        {
            ("stage", $"SELECT lead_id, stage, at, rep FROM stage_changes WHERE source = @source AND lead_id IN ({inList})", "at"),
            ("touch", $"SELECT lead_id, id, channel, at, rep, outcome FROM touches WHERE source = @source AND lead_id IN ({inList})", "at"),
            ("deal", $"SELECT lead_id, id, status, amount_e4, currency, created_at, closed_at FROM deals WHERE source = @source AND lead_id IN ({inList})", "closed_at"),
        })
        {
            foreach (var row in await QueryAsync(connection, sql, parameters, cancel).ConfigureAwait(false))
            {
                var leadId = (string)row["lead_id"]!;
                row.Remove("lead_id");
                var time = kind == "deal" ? (long?)(row["closed_at"] ?? row["created_at"]) : (long?)row[at];
                timeline.Add(new TimelineEvent(kind, leadId, time, row));
            }
        }
        // Undated events (an open deal without a date) last; ties in a stable, readable order.
        var ordered = timeline.OrderBy(e => e.At ?? long.MaxValue).ThenBy(e => e.Kind == "stage" ? 0 : e.Kind == "touch" ? 1 : 2).ToList();
        return new LeadHistory(lead, [.. ids.Where(i => i != id)], ordered);
    }

    private static async Task<List<Dictionary<string, object?>>> QueryAsync(DbConnection connection, string sql, (string Name, object Value)[] parameters, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch { int n => (long)n, var v => v };
            rows.Add(row);
        }
        return rows;
    }
}
