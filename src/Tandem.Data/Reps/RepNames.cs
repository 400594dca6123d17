using System.Data.Common;
using Tandem.Data.Clocks;

namespace Tandem.Data.Reps;

/// <summary>
/// Reps' names by id (issue 21): pages, exports and digests show a rep by name, with the id kept
/// beside it (on hover, or in its own column), never replaced. Handoffs, clocks and deals name a
/// rep by id alone, so a name is looked up by id across sources, ignoring case: the first source's
/// name in key order when two sources name the same id. A rep without a row or a name shows its id.
/// The reps table holds a team's people (hundreds), so it is read whole, once per request.
/// </summary>
public sealed class RepNames
{
    private readonly Dictionary<string, string> byId;

    private RepNames(Dictionary<string, string> byId) => this.byId = byId;

    /// <summary>No names: every rep shows its id.</summary>
    public static RepNames None { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The names stored in <c>reps</c>.</summary>
    public static async Task<RepNames> ReadAsync(DbConnection connection, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using var command = Sql.Command(connection, null, "SELECT id, name FROM reps WHERE name IS NOT NULL ORDER BY source, id");
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var name = reader.GetString(1).Trim();
            if (name.Length > 0) names.TryAdd(reader.GetString(0), name);
        }
        return new RepNames(names);
    }

    /// <summary>A fixed set of names (tests, callers that already hold them).</summary>
    public static RepNames Of(IEnumerable<KeyValuePair<string, string>> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var byId = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, name) in names)
            if (!string.IsNullOrWhiteSpace(name)) byId.TryAdd(id, name.Trim());
        return new RepNames(byId);
    }

    /// <summary>The rep's name, or null when the rep has none stored.</summary>
    public string? NameOf(string? repId) => repId is not null && byId.TryGetValue(repId, out var name) ? name : null;

    /// <summary>What a person reads: the rep's name, or the id when there is no name.</summary>
    public string Label(string repId) => NameOf(repId) ?? repId;
}
