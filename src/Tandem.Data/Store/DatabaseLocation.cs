namespace Tandem.Data.Store;

/// <summary>
/// Decides which database a command uses: the <c>--database</c> flag, else <c>TANDEM_DATABASE</c>,
/// else the SQLite file <c>tandem.db</c> in the data folder (<c>TANDEM_DATA_DIR</c>, else
/// <c>$XDG_DATA_HOME/tandem</c>, else <c>~/.local/share/tandem</c>), created on first use.
/// </summary>
public static class DatabaseLocation
{
    /// <summary>Resolves the target; <paramref name="environment"/> reads a variable (null: the process's).</summary>
    public static DatabaseTarget Resolve(string? flag, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(flag)) return DatabaseTarget.Parse(flag, "--database");
        if (environment("TANDEM_DATABASE") is { Length: > 0 } fromEnvironment) return DatabaseTarget.Parse(fromEnvironment, "TANDEM_DATABASE");
        return DatabaseTarget.SqliteFile(Path.Combine(DataFolder(environment), DatabaseTarget.DefaultFileName));
    }

    /// <summary>The folder Tandem keeps its files in when nothing else is configured.</summary>
    public static string DataFolder(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment("TANDEM_DATA_DIR") is { Length: > 0 } dir) return Path.GetFullPath(dir);
        if (environment("XDG_DATA_HOME") is { Length: > 0 } xdg) return Path.Combine(xdg, "tandem");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "tandem");
    }
}
