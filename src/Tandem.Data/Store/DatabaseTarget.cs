using Microsoft.Data.Sqlite;
using Npgsql;
using Tandem.Domain.Numbers;

namespace Tandem.Data.Store;

/// <summary>
/// Which database Tandem uses, read from <c>--database</c>, <c>TANDEM_DATABASE</c> or configuration.
/// A PostgreSQL connection is a keyword string (<c>Host=...;Database=...</c>) or a URL
/// (<c>postgres://user:pass@host:5432/db</c>); anything else is a SQLite file path (or a SQLite
/// <c>Data Source=...</c> string).
/// </summary>
public sealed record DatabaseTarget(DatabaseKind Kind, string ConnectionString)
{
    /// <summary>The file name of the default SQLite database inside the data folder.</summary>
    public const string DefaultFileName = "tandem.db";

    /// <summary>Reads a <c>--database</c> value; <paramref name="field"/> names it in errors.</summary>
    /// <exception cref="InvalidInputException">The value is empty or not a usable connection.</exception>
    public static DatabaseTarget Parse(string text, string field = "--database")
    {
        var value = (text ?? "").Trim();
        if (value.Length == 0) throw new InvalidInputException(field, "is empty: give a SQLite file path or a PostgreSQL connection string");
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new(DatabaseKind.Postgres, FromUrl(value, field));
        if (value.Contains("host=", StringComparison.OrdinalIgnoreCase) || value.Contains("server=", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new(DatabaseKind.Postgres, new NpgsqlConnectionStringBuilder(value).ConnectionString);
            }
            catch (ArgumentException e)
            {
                throw new InvalidInputException(field, $"is not a valid PostgreSQL connection string ({e.Message})");
            }
        }
        if (value.Contains("data source=", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new(DatabaseKind.Sqlite, new SqliteConnectionStringBuilder(value).ConnectionString);
            }
            catch (ArgumentException e)
            {
                throw new InvalidInputException(field, $"is not a valid SQLite connection string ({e.Message})");
            }
        }
        if (value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)) value = value["sqlite:".Length..];
        return SqliteFile(value);
    }

    /// <summary>A SQLite database in <paramref name="path"/> (created on first use).</summary>
    public static DatabaseTarget SqliteFile(string path) =>
        new(DatabaseKind.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Pooling = true }.ConnectionString);

    /// <summary>The SQLite file path, or null for PostgreSQL.</summary>
    public string? SqlitePath => Kind == DatabaseKind.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;

    /// <summary>Where the data lives, without any password: for messages.</summary>
    public string Display()
    {
        if (Kind == DatabaseKind.Sqlite) return $"SQLite {SqlitePath}";
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    /// <inheritdoc/>
    public override string ToString() => Display();

    private static string FromUrl(string url, string field)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new InvalidInputException(field, $"'{Redact(url)}' is not a valid PostgreSQL URL (postgres://user:password@host:5432/database)");
        var b = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.Port > 0 ? uri.Port : 5432 };
        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0) b.Database = Uri.UnescapeDataString(database);
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        return b.ConnectionString;
    }

    private static string Redact(string url)
    {
        var at = url.LastIndexOf('@');
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at > scheme && scheme >= 0 ? url[..(scheme + 3)] + "***" + url[at..] : url;
    }
}
