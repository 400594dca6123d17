using NodaTime;
using NodaTime.Testing;
using Tandem.Data.Clocks;
using Tandem.Data.Store;
using Tandem.Data.Tests.Import;
using Tandem.Data.UseCases;

namespace Tandem.Data.Tests.UseCases;

/// <summary>
/// Acting on a breach through the use case every front end calls: the action and the clock's
/// standing are stored together at the injected clock's now; each refusal is a typed field problem
/// and stores nothing.
/// </summary>
public class ActOnBreachTest
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 12, 0);

    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static BreachActionInput Input(string action, string? reason = null, string? until = null) =>
        new(new ClockKey("default", "L1", 1, "speed"), action, reason, until, Berlin, "sally");

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task ASnooze_IsReadInTheZone_AndStoredWithTheStanding(DatabaseKind kind)
    {
        await using var fixture = await ImportFixture.CreateAsync(kind);
        await using var connection = await fixture.Database.OpenAsync();

        Assert.Empty(await ActOnBreach.RunAsync(connection, Input("snooze", until: "2026-11-20T14:00"), new FakeClock(Now)));
        Assert.Empty(await ActOnBreach.RunAsync(connection, Input("excuse", reason: "  the rep was ill "), new FakeClock(Now + Duration.FromMinutes(1))));

        // 14:00 in Berlin is 13:00 UTC; the excuse, the latest action, is the standing.
        var actions = await fixture.Rows("SELECT action, reason, until, by_user, at FROM breach_actions ORDER BY id");
        Assert.Equal(["snooze", null, Instant.FromUtc(2026, 11, 20, 13, 0).ToUnixTimeMilliseconds(), "sally", Now.ToUnixTimeMilliseconds()], actions[0]);
        Assert.Equal(["excuse", "the rep was ill", null, "sally", (Now + Duration.FromMinutes(1)).ToUnixTimeMilliseconds()], actions[1]);
        Assert.Equal(["excuse"], Assert.Single(await fixture.Rows("SELECT action FROM breach_standings")));
    }

    public static TheoryData<DatabaseKind, string, string?, string?, string, string> Refusals()
    {
        var data = new TheoryData<DatabaseKind, string, string?, string?, string, string>();
        foreach (var kind in new[] { DatabaseKind.Sqlite, DatabaseKind.Postgres })
        {
            data.Add(kind, "forget", null, null, "action", "'forget' is not one of acknowledge, snooze, excuse, reopen");
            data.Add(kind, "excuse", "  ", null, "reason", "say why the breach is excused (it is shown on the scorecard)");
            data.Add(kind, "acknowledge", new string('x', 501), null, "reason", "at most 500 characters");
            data.Add(kind, "snooze", null, "tomorrow", "until", "'tomorrow' is not a date and time");
            data.Add(kind, "snooze", null, "2026-11-20T13:00", "until", "a snooze needs a time in the future"); // 12:00 UTC: now
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task EachRefusal_NamesItsField_AndStoresNothing(DatabaseKind kind, string action, string? reason, string? until, string field, string why)
    {
        await using var fixture = await ImportFixture.CreateAsync(kind);
        await using var connection = await fixture.Database.OpenAsync();

        var problem = Assert.Single(await ActOnBreach.RunAsync(connection, Input(action, reason, until), new FakeClock(Now)));

        Assert.Equal((field, why), (problem.Field, problem.Reason));
        Assert.Equal(0, await fixture.Count("breach_actions"));
        Assert.Equal(0, await fixture.Count("breach_standings"));
    }
}
