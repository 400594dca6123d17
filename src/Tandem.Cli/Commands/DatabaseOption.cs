using System.CommandLine;

namespace Tandem.Cli.Commands;

/// <summary>The <c>--database</c> option of every verb that reads or writes stored data.</summary>
public static class DatabaseOption
{
    /// <summary>Creates the option.</summary>
    public static Option<string?> Create() => new("--database")
    {
        Description = "A SQLite file path or a PostgreSQL connection string (Host=...;Database=... or postgres://...). " +
                      "Default: TANDEM_DATABASE, else tandem.db in the data folder (TANDEM_DATA_DIR).",
    };
}
