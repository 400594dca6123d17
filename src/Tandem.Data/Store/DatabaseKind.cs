namespace Tandem.Data.Store;

/// <summary>The database engines Tandem runs on. Both behave the same; PostgreSQL is the scale-out path.</summary>
public enum DatabaseKind
{
    /// <summary>An embedded SQLite file, the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server.</summary>
    Postgres,
}
