using Tandem.Data.Store;
using Tandem.Domain.Numbers;

namespace Tandem.Data.Tests.Store;

public class DatabaseLocationTest
{
    [Fact]
    public void Resolve_FlagWinsOverEnvironment()
    {
        var target = DatabaseLocation.Resolve("/tmp/a.db", name => name == "TANDEM_DATABASE" ? "Host=db;Database=t" : null);

        Assert.Equal(DatabaseKind.Sqlite, target.Kind);
        Assert.Equal("/tmp/a.db", target.SqlitePath);
    }

    [Fact]
    public void Resolve_EnvironmentWhenNoFlag() =>
        Assert.Equal(DatabaseKind.Postgres, DatabaseLocation.Resolve(null, name => name == "TANDEM_DATABASE" ? "Host=db;Database=t" : null).Kind);

    [Fact]
    public void Resolve_DefaultIsTandemDbInTheDataFolder() =>
        Assert.Equal("/srv/tandem/tandem.db", DatabaseLocation.Resolve(null, name => name == "TANDEM_DATA_DIR" ? "/srv/tandem" : null).SqlitePath);

    [Theory]
    [InlineData("postgres://ann:s3cret@db.example:6543/sla", "db.example", 6543, "sla", "ann")]
    [InlineData("postgresql://db/sla", "db", 5432, "sla", null)]
    public void Parse_PostgresUrl_BecomesAConnectionString(string url, string host, int port, string database, string? user)
    {
        var target = DatabaseTarget.Parse(url);
        var b = new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString);

        Assert.Equal((host, port, database, user), (b.Host, b.Port, b.Database, b.Username));
        Assert.DoesNotContain("s3cret", target.Display(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("postgres://")]
    [InlineData("Host=db;Bogus Key=1")]
    public void Parse_Invalid_NamesTheFlag(string text) =>
        Assert.Equal("--database", Assert.Throws<InvalidInputException>(() => DatabaseTarget.Parse(text)).Field);
}
