using System.Text.Json;
using Tandem.Data.Store;
using Tandem.Data.Tests;

namespace Tandem.Cli.Tests;

/// <summary>
/// The agreement's versions on the command line: import as a draft, propose, sign by every named
/// signatory, activate, supersede; the difference between versions; printing; and every refusal.
/// </summary>
public sealed class AgreementLifecycleCommandTest : IDisposable
{
    private const string Signatories = """
        signatories:
          - name: Dana Lee
            side: marketing
            title: VP Marketing
            email: dana@example.com
          - name: Sam Ortiz
            side: sales
            title: VP Sales
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-lifecycle", Guid.NewGuid().ToString("N"));

    public AgreementLifecycleCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private string PathOf(string name) => Path.Combine(_folder, name);

    /// <summary>The starter agreement with two signatories, the quota replaced.</summary>
    private async Task<string> Signed(string name, int quota = 500000)
    {
        var path = PathOf(name);
        await CliRun.Of("init", path);
        var text = (await File.ReadAllTextAsync(path)).Replace("quota: 500000", $"quota: {quota}", StringComparison.Ordinal)
            // A period years ahead, so that activating without --from takes the file's own period whatever today is.
            .Replace("period: 2026-11", "period: 2031-11", StringComparison.Ordinal) + Signatories + "\n";
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private static async Task<string> NewDatabase(DatabaseKind kind)
    {
        var target = await TestDatabases.CreateAsync(kind);
        return target.SqlitePath ?? target.ConnectionString;
    }

    private static async Task<JsonElement> Json(params string[] args)
    {
        var run = await CliRun.Of([.. args, "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Json();
    }

    private static async Task<string> Refused(params string[] args)
    {
        var run = await CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        return Assert.Single(run.ErrorLines);
    }

    private static JsonElement Version(JsonElement history, int id) => history.EnumerateArray().Single(v => v.GetProperty("id").GetInt32() == id);

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Versions_GoFromDraftToActive_OnlyWhenEveryNamedSignatoryHasSignedTheExactText(DatabaseKind kind)
    {
        var db = await NewDatabase(kind);
        var file = await Signed("a.yaml");

        var imported = await Json("agreement", "import", file, "--database", db);
        Assert.Equal(("draft", true, 1), (imported.GetProperty("status").GetString(), imported.GetProperty("created").GetBoolean(), imported.GetProperty("id").GetInt32()));
        var again = await Json("agreement", "import", file, "--database", db);
        Assert.Equal((1, false), (again.GetProperty("id").GetInt32(), again.GetProperty("created").GetBoolean()));

        // A draft drives nothing: nothing is active, so export says so.
        Assert.Contains("no agreement is active", await Refused("agreement", "export", "--database", db), StringComparison.Ordinal);
        Assert.Contains("is a draft; propose it first", await Refused("agreement", "sign", "1", "--as", "Dana Lee", "--database", db), StringComparison.Ordinal);
        Assert.Contains("propose it and have Dana Lee, Sam Ortiz sign it first", await Refused("agreement", "activate", "1", "--database", db), StringComparison.Ordinal);

        var proposed = await Json("agreement", "propose", "1", "--database", db);
        Assert.Equal("proposed", proposed.GetProperty("status").GetString());
        Assert.Equal(["Dana Lee", "Sam Ortiz"], proposed.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("#1 is proposed; only a draft is proposed", await Refused("agreement", "propose", "1", "--database", db), StringComparison.Ordinal);

        Assert.Equal("tandem: signatory: 'Nobody' is not one of the agreement's signatories (Dana Lee, Sam Ortiz)",
            await Refused("agreement", "sign", "1", "--as", "Nobody", "--database", db));
        var dana = await Json("agreement", "sign", "1", "--as", "dana lee", "--database", db);
        Assert.Equal(("Dana Lee", "marketing", "proposed"), (dana.GetProperty("signatory").GetString(), dana.GetProperty("side").GetString(), dana.GetProperty("status").GetString()));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file))), dana.GetProperty("contentHash").GetString());
        Assert.Contains("Dana Lee has signed this version already", await Refused("agreement", "sign", "1", "--as", "Dana Lee", "--database", db), StringComparison.Ordinal);
        Assert.Contains("waiting for Sam Ortiz", await Refused("agreement", "activate", "1", "--database", db), StringComparison.Ordinal);

        var sam = await Json("agreement", "sign", "1", "--as", "Sam Ortiz", "--database", db);
        Assert.Equal("signed", sam.GetProperty("status").GetString());
        Assert.Empty(sam.GetProperty("missing").EnumerateArray());
        Assert.Contains("only a proposed version is signed", await Refused("agreement", "sign", "1", "--as", "Sam Ortiz", "--database", db), StringComparison.Ordinal);

        var active = await Json("agreement", "activate", "1", "--database", db);
        Assert.Equal(("active", "2031-11"), (active.GetProperty("status").GetString(), active.GetProperty("effectiveFrom").GetString()));
        Assert.Equal(await File.ReadAllTextAsync(file), (await CliRun.Of("agreement", "export", "--database", db)).Output);
        Assert.Contains("#1 is already active", await Refused("agreement", "activate", "1", "--database", db), StringComparison.Ordinal);

        // A revision: a new draft based on the active version, the same path again; the first is superseded.
        var revised = await Json("agreement", "import", await Signed("b.yaml", 550000), "--database", db, "--note", "new quota");
        Assert.Equal((2, "draft"), (revised.GetProperty("id").GetInt32(), revised.GetProperty("status").GetString()));
        await Json("agreement", "propose", "2", "--database", db);
        await Json("agreement", "sign", "2", "--as", "Sam Ortiz", "--database", db);
        await Json("agreement", "sign", "2", "--as", "Dana Lee", "--database", db);
        await Json("agreement", "activate", "2", "--from", "2031-12", "--database", db);

        var history = await Json("agreement", "history", "--database", db);
        Assert.Equal([2, 1], history.EnumerateArray().Select(v => v.GetProperty("id").GetInt32()));
        var first = Version(history, 1);
        Assert.Equal(("superseded", "2031-11", "2031-11"), (first.GetProperty("status").GetString(), first.GetProperty("effectiveFrom").GetString(), first.GetProperty("effectiveTo").GetString()));
        var second = Version(history, 2);
        Assert.Equal(("active", "2031-12", 1, "new quota"), (second.GetProperty("status").GetString(), second.GetProperty("effectiveFrom").GetString(), second.GetProperty("basedOn").GetInt32(), second.GetProperty("note").GetString()));
        Assert.Equal(2, second.GetProperty("signatures").EnumerateArray().Count(s => s.GetProperty("valid").GetBoolean()));
        Assert.Contains("quota: 550000", (await CliRun.Of("agreement", "export", "--database", db)).Output, StringComparison.Ordinal);
        Assert.Contains("quota: 500000", (await CliRun.Of("agreement", "export", "--version", "1", "--database", db)).Output, StringComparison.Ordinal);
        Assert.Contains("was superseded", await Refused("agreement", "activate", "1", "--database", db), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignature_IsBoundToTheText_SoChangedTextIsNotSigned()
    {
        var db = PathOf("t.db");
        await Json("agreement", "import", await Signed("a.yaml"), "--database", db);
        await Json("agreement", "propose", "1", "--database", db);
        await Json("agreement", "sign", "1", "--as", "Dana Lee", "--database", db);
        await Json("agreement", "sign", "1", "--as", "Sam Ortiz", "--database", db);

        // Someone changes the stored text behind Tandem's back: the signatures no longer count.
        await using (var store = new TandemDatabase(DatabaseTarget.Parse(db)))
        await using (var connection = await store.OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE agreements SET content = replace(content, 'quota: 500000', 'quota: 400000') WHERE id = 1";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        var history = Version(await Json("agreement", "history", "--database", db), 1);
        Assert.All(history.GetProperty("signatures").EnumerateArray(), s => Assert.False(s.GetProperty("valid").GetBoolean()));
        Assert.Equal(["Dana Lee", "Sam Ortiz"], history.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("waiting for Dana Lee, Sam Ortiz", await Refused("agreement", "activate", "1", "--database", db), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_NamesTheChangedTermsInPlainWords_AndTheFileLines()
    {
        var db = PathOf("t.db");
        await Json("agreement", "import", await Signed("a.yaml"), "--database", db);
        await Json("agreement", "import", await Signed("b.yaml", 550000), "--database", db);

        var diff = await Json("agreement", "diff", "1", "2", "--database", db);
        Assert.False(diff.GetProperty("identical").GetBoolean());
        var goal = diff.GetProperty("terms").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "marketing.goal");
        // 550,000 / 2,000 = 275 deals; / 23% -> 1,196; / 82% -> 1,459; / (1/3) -> 4,377 MQLs.
        Assert.Equal(("changed", "Marketing delivers 3,978 MQLs each month.", "Marketing delivers 4,377 MQLs each month."),
            (goal.GetProperty("kind").GetString(), goal.GetProperty("before").GetString(), goal.GetProperty("after").GetString()));
        var changed = diff.GetProperty("lines").EnumerateArray().Where(l => l.ValueKind != JsonValueKind.Null && l.GetProperty("kind").GetString() != "same")
            .Select(l => (l.GetProperty("kind").GetString(), l.GetProperty("text").GetString())).ToList();
        Assert.Equal([("removed", "quota: 500000"), ("added", "quota: 550000")], changed);

        var text = (await CliRun.Of("agreement", "diff", "1", "--database", db)).Output;
        Assert.Contains("was: Marketing delivers 3,978 MQLs each month.", text, StringComparison.Ordinal);
        Assert.Contains("- quota: 500000\n+ quota: 550000", text, StringComparison.Ordinal);
        Assert.Contains("have the same text", (await CliRun.Of("agreement", "diff", "2", "2", "--database", db)).Output, StringComparison.Ordinal);
        Assert.Equal("tandem: version: #9 does not exist; tandem agreement history lists the versions", await Refused("agreement", "diff", "1", "9", "--database", db));
    }

    [Fact]
    public async Task AnAgreementWithoutSignatories_IsActiveOnImport_AndActivateRefusesBadPeriods()
    {
        var db = PathOf("t.db");
        var file = PathOf("plain.yaml");
        await CliRun.Of("init", file);
        Assert.Equal("active", (await Json("agreement", "import", file, "--database", db)).GetProperty("status").GetString());
        Assert.Equal("tandem: version: #1 is active; only a proposed version is signed", await Refused("agreement", "sign", "1", "--as", "x", "--database", db));

        var draft = PathOf("draft.yaml");
        await File.WriteAllTextAsync(draft, (await File.ReadAllTextAsync(file)).Replace("quota: 500000", "quota: 600000", StringComparison.Ordinal));
        Assert.Equal("active", (await Json("agreement", "import", draft, "--database", db)).GetProperty("status").GetString());
        Assert.Equal("superseded", Version(await Json("agreement", "history", "--database", db), 1).GetProperty("status").GetString());

        Assert.Contains("--from: month 13 is not 01-12", await Refused("agreement", "activate", "1", "--from", "2031-13", "--database", db), StringComparison.Ordinal);
        Assert.Contains("#1 was superseded", await Refused("agreement", "activate", "1", "--from", "2031-12", "--database", db), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activate_RefusesARangeOfTheWrongKindOrBackwards()
    {
        var db = PathOf("t.db");
        await Json("agreement", "import", await Signed("a.yaml"), "--database", db);
        await Json("agreement", "propose", "1", "--database", db);
        await Json("agreement", "sign", "1", "--as", "Dana Lee", "--database", db);
        await Json("agreement", "sign", "1", "--as", "Sam Ortiz", "--database", db);
        Assert.Equal("tandem: --from: 2031-Q4 is not a month; this agreement plans by month", await Refused("agreement", "activate", "1", "--from", "2031-Q4", "--database", db));
        Assert.Equal("tandem: --until: 2031-10 must be a month no earlier than 2031-11", await Refused("agreement", "activate", "1", "--from", "2031-11", "--until", "2031-10", "--database", db));
        var active = await Json("agreement", "activate", "1", "--from", "2031-11", "--until", "2032-01", "--database", db);
        Assert.Equal(("2031-11", "2032-01"), (active.GetProperty("effectiveFrom").GetString(), active.GetProperty("effectiveTo").GetString()));
    }

    [Fact]
    public async Task ShowAndPrint_GiveThePlainLanguageDocument_WithItsSignatures_AsTextHtmlAndPdf()
    {
        var db = PathOf("t.db");
        await Json("agreement", "import", await Signed("a.yaml"), "--database", db);
        await Json("agreement", "propose", "1", "--database", db);
        await Json("agreement", "sign", "1", "--as", "Dana Lee", "--database", db);

        var text = (await CliRun.Of("agreement", "show", "--version", "1", "--database", db)).Output;
        Assert.Contains("Marketing delivers 3,978 MQLs each month.", text, StringComparison.Ordinal);
        Assert.Contains("Sales makes the first touch within 30 minutes of working time of the handoff.", text, StringComparison.Ordinal);
        Assert.Contains("- Sam Ortiz (sales): not signed", text, StringComparison.Ordinal);
        Assert.Contains("Version #1, proposed;", text, StringComparison.Ordinal);

        var html = PathOf("a.html");
        Assert.Equal(0, (await CliRun.Of("agreement", "print", "--version", "1", "--html", html, "--database", db)).ExitCode);
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("<h2>What sales commits to</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"unsigned\">not signed</span>", page, StringComparison.Ordinal);
        Assert.Contains("Dana Lee<br><small>VP Marketing</small>", page, StringComparison.Ordinal);

        var pdf = PathOf("a.pdf");
        var printed = await CliRun.Of("agreement", "print", "--version", "1", "--pdf", pdf, "--database", db);
        Assert.True(printed.ExitCode == 0, printed.Error);
        var bytes = await File.ReadAllBytesAsync(pdf);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.True(bytes.Length > 5_000, $"a PDF of {bytes.Length} bytes is too small to hold the document");

        Assert.Equal("tandem: give one of --pdf FILE or --html FILE", await Refused("agreement", "print", "--database", db));
        Assert.Contains("exists; pass --force", await Refused("agreement", "print", "--version", "1", "--html", html, "--database", db), StringComparison.Ordinal);
        Assert.Contains("no agreement is active", await Refused("agreement", "show", "--database", db), StringComparison.Ordinal);
    }
}
