using NodaTime;
using Tandem.Data.Clocks;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Clocks;

/// <summary>Breach actions: each refusal names the field and why, nothing is written for it, and the latest action is the standing.</summary>
public class BreachActionsTest
{
    private static readonly ClockKey Clock = new("default", "L1", 1, "speed");
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);

    [Theory]
    [InlineData("forgive", null, 0, "action: 'forgive' is not one of acknowledge, snooze, excuse, reopen")]
    [InlineData("excuse", "  ", 0, "reason: say why the breach is excused")]
    [InlineData("snooze", null, -60, "until: a snooze needs a time in the future")]
    [InlineData("snooze", null, 0, "until: a snooze needs a time in the future")]
    public async Task BadActions_AreRefused_NamingTheField_AndWriteNothing(string action, string? reason, int untilMinutes, string message)
    {
        await using var db = await TestDatabases.OpenAsync(DatabaseKind.Sqlite);
        await using var connection = await db.OpenAsync();
        var until = action == "snooze" && untilMinutes != 0 ? Now + Duration.FromMinutes(untilMinutes) : (Instant?)null;
        var error = await Assert.ThrowsAsync<ArgumentException>(() => BreachActions.AddAsync(connection, new BreachAction(Clock, action, reason, until, "sam", Now)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(await BreachActions.AllAsync(connection));
    }

    [Fact]
    public async Task TheLatestActionIsTheStanding_AndASnoozeEnds()
    {
        await using var db = await TestDatabases.OpenAsync(DatabaseKind.Sqlite);
        await using var connection = await db.OpenAsync();
        Assert.Equal("open", BreachActions.Standing(null, Now));
        await BreachActions.AddAsync(connection, new BreachAction(Clock, "acknowledge", null, null, "sam", Now));
        await BreachActions.AddAsync(connection, new BreachAction(Clock, "snooze", null, Now + Duration.FromHours(2), "sam", Now));
        var actions = (await BreachActions.AllAsync(connection))[Clock];
        Assert.Equal(2, actions.Count);
        Assert.Equal("snoozed", BreachActions.Standing(actions, Now + Duration.FromHours(1)));
        Assert.Equal("open", BreachActions.Standing(actions, Now + Duration.FromHours(3)));
        await BreachActions.AddAsync(connection, new BreachAction(Clock, "excuse", " rep was ill ", null, "sam", Now));
        var excused = (await BreachActions.AllAsync(connection))[Clock];
        Assert.Equal("excused", BreachActions.Standing(excused, Now));
        Assert.Equal("rep was ill", excused[^1].Reason);
    }
}
