using System.Diagnostics;

namespace Tandem.Cli.Tests;

/// <summary>Runs the real <c>./tandem</c> launcher at the repository root, as a user would.</summary>
public class LauncherTest
{
    [Fact]
    public async Task Launcher_PlanExample_PrintsTheFunnelTable()
    {
        var (code, output, error) = await Run("plan", "--example");

        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Contains("3,978", output, StringComparison.Ordinal);
        Assert.Contains("MQL", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launcher_UserError_ExitsTwoWithOneLine()
    {
        var (code, output, error) = await Run("plan", "--quota", "0", "--deal-size", "10", "--close-rate", "20%");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--quota", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launcher_Serve_AnswersHealthz_AndTheApiWithAToken()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tandem-serve-test", Guid.NewGuid().ToString("N"));
        var database = Path.Combine(folder, "t.db");
        var (code, token, _) = await Run("token", "create", "--name", "launcher", "--database", database);
        Assert.Equal(0, code);
        token = token.Split('\n')[0].Trim();

        var root = RepositoryRoot();
        var start = new ProcessStartInfo(Path.Combine(root, "tandem")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var arg in new[] { "serve", "--urls", "http://127.0.0.1:0", "--database", database }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        try
        {
            var banner = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            var address = System.Text.RegularExpressions.Regex.Match(banner ?? "", @"http://127\.0\.0\.1:\d+").Value;
            Assert.False(string.IsNullOrEmpty(address), $"no address in: {banner}");
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
            using var body = new StringContent("""[{"id": "L1", "created_at": "2026-03-06"}]""", System.Text.Encoding.UTF8, "application/json");
            using var anonymous = await client.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), body);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var stored = await client.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), body);
            Assert.Equal(System.Net.HttpStatusCode.OK, stored.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Launcher_ServeDemo_MakesTheDemoDatabase_AndItsAdminSignsIn()
    {
        // The README's main command, on its own data folder so nobody's demo database is touched.
        var folder = Path.Combine(Path.GetTempPath(), "tandem-demo-test", Guid.NewGuid().ToString("N"));
        var root = RepositoryRoot();
        var start = new ProcessStartInfo(Path.Combine(root, "tandem")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        start.Environment["TANDEM_DATA_DIR"] = folder;
        foreach (var arg in new[] { "serve", "--demo", "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        try
        {
            var lines = new List<string>();
            while (!lines.Any(l => l.Contains("Demo sign-in", StringComparison.Ordinal)))
                lines.Add(await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3)) ?? throw new InvalidOperationException($"the server stopped: {await process.StandardError.ReadToEndAsync()}"));
            var text = string.Join('\n', lines);
            Assert.Contains("made the demo database", text, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "tandem-demo.db")));
            var address = System.Text.RegularExpressions.Regex.Match(text, @"http://127\.0\.0\.1:\d+").Value;
            var password = System.Text.RegularExpressions.Regex.Match(text, @"user demo-admin, password (\S+)").Groups[1].Value;
            using var handler = new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() };
            using var browser = new HttpClient(handler) { BaseAddress = new Uri(address) };
            var form = await browser.GetStringAsync(new Uri("/signin", UriKind.Relative));
            var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            using var signIn = await browser.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = "demo-admin", ["password"] = password, ["__RequestVerificationToken"] = token,
            }));
            var today = await signIn.Content.ReadAsStringAsync();
            Assert.Equal(System.Net.HttpStatusCode.OK, signIn.StatusCode);
            Assert.Contains("Marketing: leads delivered", today, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Launcher_ImportKilledMidway_LeavesWholeBatches_AndRerunCompletesIt()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tandem-kill-test", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "leads.csv");
        const int rows = 400_000;
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync("id,created_at,lead_type,name");
            for (var i = 0; i < rows; i++) await writer.WriteLineAsync($"L{i},2026-01-01T10:00:00Z,Webinar,Name {i}");
        }
        var database = Path.Combine(folder, "t.db");
        Assert.Equal(0, (await Run("db", "migrate", "--database", database)).Item1);

        var root = RepositoryRoot();
        var start = new ProcessStartInfo(Path.Combine(root, "tandem")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var arg in new[] { "import", "leads", file, "--database", database, "--batch-size", "1000" }) start.ArgumentList.Add(arg);
        long written;
        using (var process = Process.Start(start)!)
        {
            // Kill -9 as soon as some batches are in, well before the end.
            written = 0;
            var clock = Stopwatch.StartNew();
            while (written == 0 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(20);
                written = await CountLeads(database);
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        written = await CountLeads(database);
        Assert.InRange(written, 1, rows - 1);
        Assert.Equal(0, written % 1000);

        var (code, output, error) = await Run("import", "leads", file, "--database", database, "--format", "json");
        Assert.True(code == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(rows - written, json.RootElement.GetProperty("inserted").GetInt64());
        Assert.Equal(written, json.RootElement.GetProperty("unchanged").GetInt64());
        Assert.Equal(rows, await CountLeads(database));
    }

    private static async Task<long> CountLeads(string database)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM leads";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<(int, string, string)> Run(params string[] args)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo(Path.Combine(root, "tandem")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Tandem.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
