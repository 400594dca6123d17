using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Domain.Numbers;

namespace Tandem.Cli.Tests;

/// <summary><c>tandem recalibrate --draft</c>: the proposal becomes a draft revision of the active agreement in one step, its rates exact.</summary>
public sealed class RecalibrateDraftCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-recal-draft", Guid.NewGuid().ToString("N"));

    public RecalibrateDraftCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    /// <summary>The recalibration test's history (6 leads in the window, 2 won for 8,000): the proposal is 1/3 and 4,000 against 20% and 1,000.</summary>
    private async Task<(DatabaseTarget Target, string Db)> SeedAsync(DatabaseKind kind)
    {
        var target = await TestDatabases.CreateAsync(kind);
        var db = target.SqlitePath ?? target.ConnectionString;
        await File.WriteAllTextAsync(PathOf("agreement.yaml"), "schemaVersion: 1\nname: SLA\nperiod: 2013-03\nquota: 100000\ndealSize: 1000\ncloseRate: 20%\n");
        await File.WriteAllTextAsync(PathOf("leads.csv"), "id,created_at\nA,2012-06-01\nB,2012-06-02\nC,2012-06-03\nD,2012-06-04\nE,2012-07-01\nF,2012-07-02\nG,2013-01-05\n");
        await File.WriteAllTextAsync(PathOf("deals.csv"), "id,lead_id,amount,status,closed_at\nD1,A,3000,won,2012-07-01\nD2,E,5000,won,2012-08-01\nD3,G,9000,won,2013-02-01\n");
        Assert.Equal(0, (await CliRun.Of("agreement", "import", PathOf("agreement.yaml"), "--database", db)).ExitCode);
        foreach (var kindName in new[] { "leads", "deals" })
        {
            var run = await CliRun.Of("import", kindName, PathOf($"{kindName}.csv"), "--database", db);
            Assert.True(run.ExitCode == 0, run.Error);
        }
        return (target, db);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Draft_StoresTheProposalExactly_AsADraftBasedOnTheActiveVersion(DatabaseKind kind)
    {
        var (target, db) = await SeedAsync(kind);

        var json = (await CliRun.Of("recalibrate", "--for", "2013-03", "--cycle", "3", "--draft", "--note", "March review", "--database", db, "--format", "json")).Json();

        var draft = json.GetProperty("draft");
        Assert.Equal((2, 1), (draft.GetProperty("id").GetInt32(), draft.GetProperty("basedOn").GetInt32()));
        Assert.Equal("recalibration for 2013-03 (window 2012-06 to 2012-11, cycle 3): March review", draft.GetProperty("note").GetString());
        var terms = draft.GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("key").GetString()).ToList();
        // The goal, its basis (the rates and deal size) and the rule worked through with the new figures.
        Assert.Equal(["marketing.basis", "marketing.goal", "marketing.rule"], terms.Order(StringComparer.Ordinal));
        await using (var database = new TandemDatabase(target))
        await using (var connection = await database.OpenAsync())
        {
            var stored = await AgreementStore.RequireAsync(connection, 2);
            Assert.Equal(("SLA", (long?)1), (stored.Name, stored.BasedOn));
            Assert.Equal(Tandem.Domain.Agreements.AgreementStatus.Draft, stored.Status);
            var agreement = AgreementLifecycle.Parse(stored);
            // Exactly the pooled figures: 2 of 6 leads (a third, written as a ratio), 8,000 over 2 deals.
            Assert.Equal(new Fraction(1, 3), agreement.Plan.Funnel!.Stages[0].Rate.Value);
            Assert.Equal(Fraction.FromInteger(4000), agreement.Plan.DealSize);
            Assert.Contains("rate: 1/3", stored.Content, StringComparison.Ordinal);
            Assert.Equal(1, (await AgreementStore.ActiveAsync(connection))!.Id);
        }

        // The same proposal again is the draft just stored: nothing new.
        var again = await CliRun.Of("recalibrate", "--for", "2013-03", "--cycle", "3", "--draft", "--database", db);
        Assert.Equal(2, again.ExitCode);
        Assert.Equal("tandem: revision: is already stored as #2 (draft); no draft stored", Assert.Single(again.ErrorLines));

        // Another window drafts again, and the table says what changed and what to do next.
        var table = await CliRun.Of("recalibrate", "--for", "2013-03", "--cycle", "2", "--draft", "--database", db);
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains("Drafted agreement #3, based on #1; 3 terms changed:", table.Output, StringComparison.Ordinal);
        Assert.Contains("next: tandem agreement diff 1 3, then tandem agreement propose 3", table.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Draft_WithoutAnActiveAgreement_OrWithAFile_IsRefused(DatabaseKind kind)
    {
        var (_, db) = await SeedAsync(kind);
        var empty = await TestDatabases.CreateAsync(kind);

        async Task<string> Refused(params string[] args)
        {
            var run = await CliRun.Of(["recalibrate", "--for", "2013-03", .. args]);
            Assert.Equal(2, run.ExitCode);
            return Assert.Single(run.ErrorLines);
        }

        Assert.StartsWith("tandem: --draft: no agreement is active in", await Refused("--draft", "--database", empty.SqlitePath ?? empty.ConnectionString), StringComparison.Ordinal);
        Assert.Equal("tandem: --draft: revises the active agreement in the store; leave out --agreement (or import the file first)",
            await Refused("--draft", "--agreement", PathOf("agreement.yaml"), "--database", db));
        Assert.Equal("tandem: --note: goes with --draft", await Refused("--note", "why", "--database", db));
        // The measured rates equal the agreement's when the agreement is the proposal: nothing to draft.
        Assert.Equal(0, (await CliRun.Of("recalibrate", "--for", "2013-03", "--cycle", "3", "--draft", "--database", db)).ExitCode);
        Assert.Equal(0, (await CliRun.Of("agreement", "activate", "2", "--database", db)).ExitCode);
        Assert.Equal("tandem: revision: changes nothing in #2; no draft stored", await Refused("--cycle", "3", "--draft", "--database", db));
    }
}
