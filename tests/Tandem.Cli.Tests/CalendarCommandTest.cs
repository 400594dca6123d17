namespace Tandem.Cli.Tests;

public class CalendarCommandTest
{
    [Fact]
    public async Task Due_TheIssueExample_AcrossAWeekendAndTheSpringChange()
    {
        var run = await CliRun.Of("calendar", "due", "--from", "2026-03-06T16:30:00-05:00", "--minutes", "120", "--zone", "America/New_York", "--format", "json");
        Assert.Equal("2026-03-09T10:30:00-04:00", run.Json().GetProperty("due").GetString());
    }

    [Theory]
    [InlineData("30", "2026-03-06T17:00:00-05:00")]
    [InlineData("0", "2026-03-06T16:30:00-05:00")]
    public async Task Due_TablePrintsTheInstant(string minutes, string due)
    {
        var run = await CliRun.Of("calendar", "due", "--from", "2026-03-06T16:30:00-05:00", "--minutes", minutes, "--zone", "America/New_York");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(due, run.Output.Trim());
    }

    [Fact]
    public async Task Due_NoZone_IsUtcNeverTheHost()
    {
        var run = await CliRun.Of("calendar", "due", "--from", "2026-03-06 16:30", "--minutes", "60", "--format", "json");
        Assert.Equal("2026-03-09T09:30:00+00:00", run.Json().GetProperty("due").GetString());
    }

    [Fact]
    public async Task Between_CountsWorkingMinutes()
    {
        var run = await CliRun.Of("calendar", "between", "--from", "2026-03-06T16:30:00-05:00", "--to", "2026-03-09T10:30:00-04:00", "--zone", "America/New_York", "--format", "json");
        Assert.Equal(120, run.Json().GetProperty("minutes").GetInt64());
    }

    [Fact]
    public async Task Between_PartialMinutes_RoundDown()
    {
        var run = await CliRun.Of("calendar", "between", "--from", "2026-11-24T09:00:00Z", "--to", "2026-11-24T09:10:59Z", "--format", "json");
        Assert.Equal(10, run.Json().GetProperty("minutes").GetInt64());
    }

    [Theory]
    [InlineData("--to: 2026-03-06T16:00:00-05:00 is before --from", "between", "--from", "2026-03-06T16:30:00-05:00", "--to", "2026-03-06T16:00:00-05:00", "--zone", "America/New_York")]
    [InlineData("--minutes: must be 0 or more (got -5)", "due", "--from", "2026-03-06T16:30:00-05:00", "--minutes", "-5")]
    [InlineData("--from: 'yesterday' is not a time", "due", "--from", "yesterday", "--minutes", "5")]
    [InlineData("--zone: 'Mars/Base' is not an IANA time zone", "due", "--from", "2026-03-06T16:30:00Z", "--minutes", "5", "--zone", "Mars/Base")]
    [InlineData("--team: needs --agreement", "due", "--from", "2026-03-06T16:30:00Z", "--minutes", "5", "--team", "EMEA")]
    [InlineData("1.5", "due", "--from", "2026-03-06T16:30:00Z", "--minutes", "1.5")]
    public async Task UsageErrors_Exit2_NamingTheFlag(string message, params string[] args)
    {
        var run = await CliRun.Of(["calendar", .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Agreement_CalendarTeamAndZone()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tandem-cal-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            schemaVersion: 1
            name: SLA
            period: 2026-11
            quota: 500000
            dealSize: 2000
            closeRate: 20%
            calendar:
              timeZone: America/New_York
              workingHours: { weekdays: ["09:00-12:00", "13:00-17:00"] }
              holidays: ["2026-11-26"]
            teams:
              - name: EMEA
                calendar: { timeZone: Europe/Berlin }
            """);
        try
        {
            // Wednesday 16:30 + 60 working minutes: Thursday is Thanksgiving, so Friday 09:30.
            var due = await CliRun.Of("calendar", "due", "--from", "2026-11-25T16:30:00-05:00", "--minutes", "60", "--agreement", file, "--format", "json");
            Assert.Equal("2026-11-27T09:30:00-05:00", due.Json().GetProperty("due").GetString());
            // The lunch break does not count.
            var lunch = await CliRun.Of("calendar", "between", "--from", "2026-11-24T11:00", "--to", "2026-11-24T14:00", "--agreement", file, "--format", "json");
            Assert.Equal(120, lunch.Json().GetProperty("minutes").GetInt64());
            // The EMEA team's calendar: the same hours in Berlin; a local time is read there.
            var emea = await CliRun.Of("calendar", "due", "--from", "2026-11-24 11:30", "--minutes", "60", "--agreement", file, "--team", "emea", "--format", "json");
            Assert.Equal("2026-11-24T13:30:00+01:00", emea.Json().GetProperty("due").GetString());
            // --zone reads the agreement's hours in a rep's own zone.
            var tokyo = await CliRun.Of("calendar", "due", "--from", "2026-11-24T16:30:00+09:00", "--minutes", "60", "--agreement", file, "--zone", "Asia/Tokyo", "--format", "json");
            Assert.Equal("2026-11-25T09:30:00+09:00", tokyo.Json().GetProperty("due").GetString());
            var unknown = await CliRun.Of("calendar", "due", "--from", "2026-11-24T10:00:00Z", "--minutes", "5", "--agreement", file, "--team", "APAC");
            Assert.Equal(2, unknown.ExitCode);
            Assert.Contains("--team: 'APAC' is not a team", unknown.Error, StringComparison.Ordinal);
            Assert.Contains("EMEA", unknown.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
