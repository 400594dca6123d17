namespace Tandem.Cli.Tests;

public sealed class NotificationsCommandTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-notify", Guid.NewGuid().ToString("N"));

    public NotificationsCommandTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Db => Path.Combine(_folder, "t.db");

    [Fact]
    public async Task Channels_AddListRemove()
    {
        var add = await CliRun.Of("notifications", "channel", "add", "sales-slack", "--slack", "https://hooks.slack.example/T1/B2", "--on", "breached", "--commitment", "speed", "--database", Db);
        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Contains("channel sales-slack: breached of speed clocks to slack https://hooks.slack.example/T1/B2", add.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRun.Of("notifications", "channel", "add", "crm", "--webhook", "http://127.0.0.1:9/hook", "--secret", "k", "--database", Db)).ExitCode);
        Assert.Equal(0, (await CliRun.Of("notifications", "channel", "add", "reps", "--email", "rep", "--database", Db)).ExitCode);

        var list = (await CliRun.Of("notifications", "channel", "list", "--database", Db, "--format", "json")).Json();
        Assert.Equal(["crm", "reps", "sales-slack"], list.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var crm = list[0];
        Assert.True(crm.GetProperty("signed").GetBoolean());
        Assert.False(crm.TryGetProperty("secret", out _));
        Assert.Equal(["breached", "warning"], crm.GetProperty("on").EnumerateArray().Select(s => s.GetString()));

        Assert.Equal(0, (await CliRun.Of("notifications", "channel", "remove", "crm", "--database", Db)).ExitCode);
        Assert.Equal(2, (await CliRun.Of("notifications", "channel", "list", "--database", Db, "--format", "json")).Json().GetArrayLength());
    }

    [Theory]
    [InlineData("exactly one of --webhook", "channel", "add", "x")]
    [InlineData("exactly one of --webhook", "channel", "add", "x", "--webhook", "http://a/", "--email", "rep")]
    [InlineData("--webhook: 'ftp://a/' is not an http or https URL", "channel", "add", "x", "--webhook", "ftp://a/")]
    [InlineData("--email: 'not-an-address' is not an e-mail address", "channel", "add", "x", "--email", "not-an-address")]
    [InlineData("--secret: only webhooks are signed", "channel", "add", "x", "--slack", "https://a/", "--secret", "k")]
    [InlineData("'later'", "channel", "add", "x", "--email", "rep", "--on", "later")]
    [InlineData("no channel named 'ghost'", "channel", "remove", "ghost")]
    public async Task Errors_Exit2_NamingTheOption(string message, params string[] args)
    {
        var run = await CliRun.Of(["notifications", .. args, "--database", Db]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddingANameTwice_IsRefused()
    {
        Assert.Equal(0, (await CliRun.Of("notifications", "channel", "add", "reps", "--email", "rep", "--database", Db)).ExitCode);
        var again = await CliRun.Of("notifications", "channel", "add", "reps", "--email", "boss@example.com", "--database", Db);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("a channel named 'reps' exists", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_EmptyOutbox()
    {
        var run = await CliRun.Of("notifications", "list", "--failed", "--database", Db);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No failed deliveries.", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRun.Of("notifications", "list", "--database", Db, "--format", "json")).Json().GetArrayLength());
    }

    [Theory]
    [InlineData("--smtp: 'http://x' is not an SMTP URL", "--smtp", "http://x", "--mail-from", "t@example.com")]
    [InlineData("--mail-from: e-mail notifications need a sender address", "--smtp", "smtp://127.0.0.1:25")]
    [InlineData("--monitor-interval: must be 1 to 3600 seconds", "--monitor-interval", "0")]
    public async Task Serve_BadNotificationOptions_Exit2(string message, params string[] args)
    {
        var run = await CliRun.Of(["serve", "--database", Db, "--urls", "http://127.0.0.1:0", .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }
}
