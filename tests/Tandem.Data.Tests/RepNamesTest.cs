using Tandem.Data.Reps;
using Tandem.Data.Store;

namespace Tandem.Data.Tests;

/// <summary>
/// Reps' names as pages, exports and digests show them (issue 21), read from <c>reps</c> on both
/// engines: found by id ignoring case, the id when the rep has no row or an empty name, and the
/// first source's name when two sources name the same id.
/// </summary>
public class RepNamesTest
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task ReadsNames_IgnoringCase_TheIdWhenThereIsNone_TheFirstSourceOfTwo(DatabaseKind kind)
    {
        await using var database = await TestDatabases.OpenAsync(kind);
        await using var connection = await database.OpenAsync();
        foreach (var (source, id, name) in new[]
        {
            ("default", "rep-7", "  Dana Ruiz "), ("default", "rep-8", null), ("default", "rep-9", "   "),
            // Two sources name rep-10: the first in key order (crm before default) wins.
            ("default", "rep-10", "Zoe Default"), ("crm", "rep-10", "Ann Crm"), ("crm", "rep-11", "Bo Crm"),
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO reps (source, id, name, updated_at) VALUES ('{source}', '{id}', {(name is null ? "NULL" : $"'{name}'")}, 0)";
            await command.ExecuteNonQueryAsync();
        }

        var names = await RepNames.ReadAsync(connection);

        Assert.Equal("Dana Ruiz", names.NameOf("rep-7"));
        Assert.Equal("Dana Ruiz", names.NameOf("REP-7"));
        Assert.Equal("Dana Ruiz", names.Label("Rep-7"));
        Assert.Null(names.NameOf("rep-8"));
        Assert.Equal("rep-8", names.Label("rep-8"));
        Assert.Null(names.NameOf("rep-9"));
        Assert.Equal("rep-9", names.Label("rep-9"));
        Assert.Equal("nobody", names.Label("nobody"));
        Assert.Null(names.NameOf(null));
        Assert.Equal("Ann Crm", names.NameOf("rep-10"));
        Assert.Equal("Bo Crm", names.Label("rep-11"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task NoReps_EveryRepShowsItsId(DatabaseKind kind)
    {
        await using var database = await TestDatabases.OpenAsync(kind);
        await using var connection = await database.OpenAsync();
        var names = await RepNames.ReadAsync(connection);
        Assert.Null(names.NameOf("rep-7"));
        Assert.Equal("rep-7", names.Label("rep-7"));
    }

    [Fact]
    public void Of_KeepsTheFirstNameOfAnId_SkipsBlankOnes()
    {
        var names = RepNames.Of([new("ann", " Ann Lee "), new("ANN", "Other"), new("bob", " ")]);
        Assert.Equal("Ann Lee", names.NameOf("Ann"));
        Assert.Equal("bob", names.Label("bob"));
        Assert.Equal("cy", RepNames.None.Label("cy"));
    }
}
