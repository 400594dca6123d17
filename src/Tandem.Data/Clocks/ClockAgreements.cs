using System.Data.Common;
using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Data.Reps;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Clocks;

/// <summary>A rep as the clocks need them: their team and their own time zone.</summary>
public sealed record ClockRep(string? Team, DateTimeZone? Zone, string? Email);

/// <summary>
/// The versions of the agreement that were in force over time and the reps, as clock settings: the
/// version in force at an instant is the latest activated at or before it (the first one for
/// handoffs older than every version), and a rep's calendar is their team's, read in their own zone.
/// Drafts and versions waiting for signatures change nothing.
/// </summary>
public sealed class ClockAgreements
{
    private readonly List<(long Id, Instant StoredAt, Agreement Agreement)> _versions;
    private readonly IReadOnlyDictionary<(string Source, string Id), ClockRep> _reps;

    // A calendar is built once per agreement, team and zone: the projector asks for one per handoff.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Agreement, string?, DateTimeZone?), BusinessCalendar> _calendars = new();

    private ClockAgreements(List<(long, Instant, Agreement)> versions, IReadOnlyDictionary<(string, string), ClockRep> reps, RepNames names)
    {
        _versions = versions;
        _reps = reps;
        Names = names;
    }

    /// <summary>The reps' names, read with them: notifications name a rep (issue 21).</summary>
    public RepNames Names { get; }

    /// <summary>The active agreement (the latest activated).</summary>
    public Agreement Active => _versions[^1].Agreement;

    /// <summary>The active agreement's id.</summary>
    public long ActiveId => _versions[^1].Id;

    /// <summary>The agreement stored with <paramref name="id"/>, if any.</summary>
    public Agreement? ById(long? id) => _versions.FirstOrDefault(v => v.Id == id).Agreement;

    /// <summary>Reads every version that was ever active, and the reps; null when none was ever active.</summary>
    public static Task<ClockAgreements?> LoadAsync(DbConnection connection, CancellationToken cancel) => LoadAsync(connection, null, cancel);

    /// <summary>As <see cref="LoadAsync(DbConnection, CancellationToken)"/>, inside <paramref name="tx"/>.</summary>
    public static async Task<ClockAgreements?> LoadAsync(DbConnection connection, DbTransaction? tx, CancellationToken cancel)
    {
        var versions = new List<(long, Instant, Agreement)>();
        await using (var command = Sql.Command(connection, tx, "SELECT id, activated_at, content FROM agreements WHERE activated_at IS NOT NULL ORDER BY activated_at, id"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                versions.Add((reader.GetInt64(0), Instant.FromUnixTimeMilliseconds(reader.GetInt64(1)), AgreementFile.Parse(reader.GetString(2), $"stored agreement #{reader.GetInt64(0)}")));
        if (versions.Count == 0) return null;

        var reps = new Dictionary<(string, string), ClockRep>();
        var names = new List<KeyValuePair<string, string>>();
        // In key order, as RepNames.ReadAsync: the first source's name wins when two name one id.
        await using (var command = Sql.Command(connection, tx, "SELECT source, id, team, time_zone, email, name FROM reps ORDER BY source, id"))
        await using (var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var zone = Sql.Text(reader, 3) is { } id ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim()) : null;
                reps[(reader.GetString(0), reader.GetString(1))] = new ClockRep(Sql.Text(reader, 2), zone, Sql.Text(reader, 4));
                if (Sql.Text(reader, 5) is { } name) names.Add(new(reader.GetString(1), name));
            }
        return new ClockAgreements(versions, reps, RepNames.Of(names));
    }

    /// <summary>The settings of the agreement in force at <paramref name="at"/>, for leads of <paramref name="source"/>.</summary>
    public ClockSettings SettingsAt(Instant at, string source)
    {
        var version = _versions.LastOrDefault(v => v.StoredAt <= at);
        if (version.Agreement is null) version = _versions[0];
        var agreement = version.Agreement;
        return new ClockSettings(agreement.Sales, rep => CalendarOfRep(agreement, source, rep), version.Id);
    }

    /// <summary>A rep's calendar under <paramref name="agreement"/>; a rep not in the store gets the agreement's calendar.</summary>
    public BusinessCalendar CalendarOfRep(Agreement agreement, string source, string rep)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var known = _reps.GetValueOrDefault((source, rep));
        return _calendars.GetOrAdd((agreement, known?.Team, known?.Zone), key => key.Item1.CalendarFor(key.Item2, key.Item3));
    }

    /// <summary>The rep's stored team and zone, if the rep is in the store.</summary>
    public ClockRep? Rep(string source, string rep) => _reps.GetValueOrDefault((source, rep));
}
