using System.Data.Common;

namespace Tandem.Data.Clocks;

/// <summary>A lead as a queue row names it: its name and company, null when never given or erased (a forgotten lead's).</summary>
public sealed record QueueLead(string? Name, string? Company);

/// <summary>
/// The name and company of the leads on one page of the breach queue, each read by its key (a
/// page's 50, never the table): the queue shows who a breach is about, not only the id.
/// </summary>
public static class QueueLeads
{
    /// <summary>The page's leads by (source, id); a lead not stored (or merged away) is left out.</summary>
    public static async Task<IReadOnlyDictionary<(string Source, string Id), QueueLead>> ReadAsync(DbConnection connection, IEnumerable<QueueRow> rows, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        var leads = new Dictionary<(string, string), QueueLead>();
        // Erased fields stay null once forgotten; the condition keeps them from showing even if a write got past that.
        await using var command = Sql.Command(connection, null,
            "SELECT CASE WHEN forgotten_at IS NULL THEN name END, CASE WHEN forgotten_at IS NULL THEN company END FROM leads WHERE source = @source AND id = @id",
            ("@source", ""), ("@id", ""));
        foreach (var key in rows.Select(r => (r.Clock.Source, r.Clock.LeadId)).Distinct())
        {
            command.Parameters["@source"].Value = key.Source;
            command.Parameters["@id"].Value = key.LeadId;
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            if (await reader.ReadAsync(cancel).ConfigureAwait(false)) leads[key] = new QueueLead(Sql.Text(reader, 0), Sql.Text(reader, 1));
        }
        return leads;
    }
}
