using System.Data.Common;

namespace Tandem.Data.Store;

/// <summary>An agreement file as stored: its text exactly as imported, and when.</summary>
public sealed record StoredAgreement(long Id, string Name, string Period, string Content, long StoredAt);

/// <summary>
/// Keeps agreement files in the database. The latest one stored is the active agreement; earlier
/// ones stay, so the agreement issue can build versions and signatures on top.
/// </summary>
public static class AgreementStore
{
    /// <summary>Stores <paramref name="content"/> as the active agreement and returns its id.</summary>
    public static async Task<long> SaveAsync(DbConnection connection, string name, string period, string content, long now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO agreements (name, period, content, stored_at) VALUES (@name, @period, @content, @now) RETURNING id";
        Add(command, "@name", name);
        Add(command, "@period", period);
        Add(command, "@content", content);
        Add(command, "@now", now);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The active agreement, or null when none was ever stored.</summary>
    public static async Task<StoredAgreement?> ActiveAsync(DbConnection connection, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, period, content, stored_at FROM agreements ORDER BY id DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancel).ConfigureAwait(false)) return null;
        return new StoredAgreement(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4));
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
