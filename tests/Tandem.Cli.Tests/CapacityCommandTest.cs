using System.Text.Json;

namespace Tandem.Cli.Tests;

public sealed class CapacityCommandTest : IDisposable
{
    // The seeds' example: 3,978 MQLs a month, each owed 6 attempts. November 2026 has 21 weekdays: 4.2 working weeks.
    private const string Agreement = "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 500000\ndealSize: 2000\nfunnel:\n  - { stage: MQL, rate: 1/3 }\n  - { stage: SQL, rate: 82% }\n  - { stage: Opportunity, rate: 23% }\n"
        + "sales:\n  depth: { attempts: 6, cadence: [{ attempts: 6, within: 28 }] }\n";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-capacity", Guid.NewGuid().ToString("N"));

    public CapacityCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Db => PathOf("t.db");

    private string Write(string name, string text)
    {
        File.WriteAllText(PathOf(name), text);
        return PathOf(name);
    }

    [Fact]
    public async Task ATeamSize_InTheAgreement_IsCheckedAgainstTheCommitment_AndThePlanWarns()
    {
        // 10 reps x 40 h x 60 x 4.2 weeks x 50% = 50,400 minutes; a lead takes 6 x 10 = 60: 840 workable of 3,978.
        // Short: (238,680 - 50,400) / 5,040 = 37.4, so 38 more reps, or 3,138 fewer leads.
        var file = Write("a.yaml", Agreement + "capacity:\n  minutesPerAttempt: 10\n  reps: 10\n  hoursPerWeek: 40\n  marketingShare: 50%\n");

        var json = (await CliRun.Of("capacity", "--agreement", file, "--period", "2026-11", "--database", Db, "--format", "json")).Json();

        Assert.Equal(("agreement", 4.2m, 10m, false), (json.GetProperty("source").GetString(), json.GetProperty("weeks").GetDecimal(), json.GetProperty("minutesPerAttempt").GetDecimal(), json.GetProperty("feasible").GetBoolean()));
        var pool = json.GetProperty("pools")[0];
        Assert.Equal((10, 840m, 3978L, 840L, 3138L, 38L), (pool.GetProperty("reps").GetInt32(), pool.GetProperty("hoursAvailable").GetDecimal(), pool.GetProperty("leadsCommitted").GetInt64(),
            pool.GetProperty("leadsWorkable").GetInt64(), pool.GetProperty("leadsOver").GetInt64(), pool.GetProperty("repsShort").GetInt64()));

        var table = await CliRun.Of("capacity", "--agreement", file, "--period", "2026-11", "--database", Db);
        Assert.Contains("INFEASIBLE", table.Output, StringComparison.Ordinal);
        Assert.Contains("38 more reps or 3,138 fewer leads would make it feasible", table.Output, StringComparison.Ordinal);

        var plan = await CliRun.Of("plan", "--agreement", file, "--format", "json");
        Assert.Equal(0, plan.ExitCode);
        Assert.Equal(3978, plan.Json().GetProperty("leadsNeeded").GetInt32());
        Assert.Contains("tandem: warning: infeasible: marketing commits 3,978 leads but sales can follow up 840 as committed; 38 more reps or 3,138 fewer leads", plan.Error, StringComparison.Ordinal);
        var enough = Write("b.yaml", Agreement + "capacity:\n  minutesPerAttempt: 10\n  reps: 48\n  hoursPerWeek: 40\n  marketingShare: 50%\n");
        Assert.DoesNotContain("warning", (await CliRun.Of("plan", "--agreement", enough)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepsInTheStore_CountWithTheirHoursShareAndRamp()
    {
        // ann 40 h at 100%: 10,080 minutes; bob 40 h at 50%: 5,040; cy started 2026-10-15, in the first month of a 0%, 50% ramp: nothing yet.
        var file = Write("a.yaml", Agreement + "capacity:\n  minutesPerAttempt: 10\n  ramp: [0%, 50%]\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", file, "--database", Db)).ExitCode);
        var reps = Write("reps.csv", "id,name,team,start_date,weekly_hours,marketing_share\nann,Ann,,,40,100%\nbob,Bob,,,40,50%\ncy,Cy,,2026-10-15,40,100%\ndee,Dee,,,,\n");
        Assert.Equal(0, (await CliRun.Of("import", "reps", reps, "--database", Db)).ExitCode);

        var json = (await CliRun.Of("capacity", "--period", "2026-11", "--database", Db, "--format", "json")).Json();

        var pool = json.GetProperty("pools")[0];
        Assert.Equal("store", json.GetProperty("source").GetString());
        Assert.Equal((3, 252m, 252L), (pool.GetProperty("reps").GetInt32(), pool.GetProperty("hoursAvailable").GetDecimal(), pool.GetProperty("leadsWorkable").GetInt64()));
    }

    [Fact]
    public async Task WithoutWhatCapacityNeeds_TheCommandSaysWhat()
    {
        var none = await CliRun.Of("capacity", "--agreement", Write("a.yaml", Agreement), "--database", Db);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("the agreement has no capacity section", none.Error, StringComparison.Ordinal);

        var noTeam = await CliRun.Of("capacity", "--agreement", Write("b.yaml", Agreement + "capacity:\n  minutesPerAttempt: 10\n"), "--database", Db);
        Assert.Equal(2, noTeam.ExitCode);
        Assert.Contains("capacity: no rep in the store has weekly hours", noTeam.Error, StringComparison.Ordinal);
    }
}
