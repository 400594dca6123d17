using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Tandem.Data.Agreements;

namespace Tandem.Bench;

/// <summary>
/// The web app and the read verbs at a company's size, as a user meets them: the demo set imported
/// with the real <c>tandem</c> CLI (one process per file), the real server started as a child
/// process (<c>tandem serve</c>), a browser-like sign-in (anti-forgery token and cookie), every page
/// for two months and two segments plus all segments, then each verb that reads the store as its own
/// process, start-up included. Prints markdown tables for docs/benchmarks.md.
/// </summary>
public static partial class PageBench
{
    /// <summary>What <c>tandem demo generate</c> writes, in the order its hint imports them (dependencies first).</summary>
    private static readonly string[] Kinds =
        ["reps", "leads", "stages", "touches", "deals", "content", "content-uses", "campaigns", "campaign-leads", "reports", "report-feedback", "launches", "trainings", "attendance"];

    /// <summary>Every page of src/Tandem.Web/Pages a signed-in admin opens (not sign-in, sign-out, denied).</summary>
    private static readonly string[] Pages =
        ["/", "/pacing", "/follow-up", "/breaches", "/scorecard", "/deliverables", "/plan", "/recalibration", "/agreement", "/agreement/edit", "/data", "/settings", "/account"];

    private const string UserName = "bench";

    private sealed record Cli(string Repository, string Dll);

    private sealed record RunResult(int Exit, string Output, string Error, double Milliseconds);

    private sealed record Sample(string Page, string Combination, double Milliseconds, long Bytes);

    public static async Task RunAsync(BenchOptions options, DataSet data)
    {
        var cli = await BuildCliAsync(options);
        var (database, drop, reuse) = await ChooseDatabaseAsync(options);
        try
        {
            await RunOnAsync(options, data, cli, database, reuse);
        }
        finally
        {
            if (drop is not null) await Databases.DropAsync(drop);
        }
    }

    private static async Task RunOnAsync(BenchOptions options, DataSet data, Cli cli, string database, bool reuse)
    {
        var asOf = DataAsOf(data);
        var latest = new LocalDate(asOf.Year, asOf.Month, 1).PlusMonths(-1);
        string[] periods = [Month(latest), Month(latest.PlusMonths(-1))];
        var agreement = AgreementFile.Parse(await File.ReadAllTextAsync(Path.Combine(data.Folder, "agreement.yaml")), "demo");
        string?[] segments = [null, .. agreement.Plan.Segments.Take(2).Select(s => s.Name)];
        Console.WriteLine($"# data {data.Folder}, as of {asOf:yyyy-MM-dd}: periods {string.Join(", ", periods)}; segments all, {string.Join(", ", segments.Skip(1))}");
        Console.WriteLine($"# database {Display(database)}{(reuse ? " (reused as is)" : "")}; CLI {cli.Dll}");

        if (!reuse) await ImportAsync(options, data, cli, database);
        var password = await AddUserAsync(options, cli, database);

        var (pageSamples, failures, serverLines) = await ServeAndRequestAsync(options, cli, database, password, periods, segments);
        await ReadVerbsAsync(options, data, cli, database, periods[0]);

        PrintPages(options, pageSamples, failures, periods, segments);
        foreach (var line in serverLines) Console.WriteLine(line);
    }

    // ---- the CLI and the database -------------------------------------------------------------

    /// <summary>Builds the checkout's CLI the way a user gets it (<c>./tandem</c> builds .tandem/build on first use).</summary>
    private static async Task<Cli> BuildCliAsync(BenchOptions options)
    {
        var repository = FindRepository();
        var clock = Stopwatch.StartNew();
        var start = new ProcessStartInfo("bash") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(repository, "tandem"));
        start.ArgumentList.Add("--version");
        var result = await RunAsync(start, null, options.Timeout * 4);
        if (result.Exit != 0) throw new InvalidOperationException($"./tandem --version failed ({result.Exit}): {result.Error}");
        Console.WriteLine($"# ./tandem {result.Output.Trim()} ready in {clock.Elapsed.TotalSeconds:0.0} s (built when sources changed)");
        return new Cli(repository, Path.Combine(repository, ".tandem", "build", "tandem.dll"));
    }

    private static string FindRepository()
    {
        foreach (var from in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "tandem")) && File.Exists(Path.Combine(dir.FullName, "Tandem.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the checkout (a folder with ./tandem and Tandem.slnx) above the current folder");
    }

    /// <summary>The --database value the CLI and server get, the database to drop afterwards (a fresh one), and whether it is reused as is.</summary>
    private static async Task<(string Database, Tandem.Data.Store.DatabaseTarget? Drop, bool Reuse)> ChooseDatabaseAsync(BenchOptions options)
    {
        var reuse = options.Flags.Contains("--reuse");
        if (options.Engine == "sqlite")
        {
            if (options.Database is not null) throw new InvalidOperationException("--database is for --engine postgres; with sqlite, --keep FILE.db");
            if (options.Keep is not { Length: > 0 } keep)
            {
                var path = Path.Combine(Path.GetTempPath(), "tandem-bench", $"pages-{Guid.NewGuid():N}.db");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                return (path, Tandem.Data.Store.DatabaseTarget.SqliteFile(path), false);
            }
            var file = Path.GetFullPath(keep);
            if (reuse && File.Exists(file)) return (file, null, true);
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (!File.Exists(file + suffix)) continue;
                Console.WriteLine($"# removing the old {file + suffix} (--reuse keeps it)");
                File.Delete(file + suffix);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            return (file, null, false);
        }
        if (options.Engine != "postgres") throw new InvalidOperationException($"--engine {options.Engine}: sqlite or postgres");
        if (options.Keep is not null) throw new InvalidOperationException("--keep is for --engine sqlite; with postgres, --database CONNSTRING");
        if (options.Database is not { Length: > 0 } connection)
        {
            var fresh = await Databases.FreshAsync("postgres");
            return (fresh.ConnectionString, fresh, false);
        }
        var leads = await PostgresLeadsAsync(connection);
        if (leads > 0 && !reuse)
            throw new InvalidOperationException($"the database holds {leads:N0} leads: pass --reuse to use it as is, or drop and create it again to import afresh");
        return (connection, null, leads > 0);
    }

    private static async Task<long> PostgresLeadsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT to_regclass('leads') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync() is not true) return 0;
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM leads", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static string Display(string database) =>
        database.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? Regex.Replace(database, "(?i)password=[^;]*", "Password=***")
            : database;

    // ---- import ---------------------------------------------------------------------------------

    private static async Task ImportAsync(BenchOptions options, DataSet data, Cli cli, string database)
    {
        var timeout = Math.Max(options.Timeout, 7200);
        var total = Stopwatch.StartNew();
        var rows = new List<string>();
        var agreement = await RunCliAsync(cli, ["agreement", "import", Path.Combine(data.Folder, "agreement.yaml"), "--database", database], timeout);
        if (agreement.Exit != 0) throw new InvalidOperationException($"tandem agreement import failed ({agreement.Exit}): {agreement.Error}");
        rows.Add($"| agreement | 1 | {Seconds(agreement.Milliseconds)} | |");
        long allRows = 0;
        foreach (var kind in Kinds)
        {
            var file = data.File(kind);
            if (!HasRows(file)) continue;
            var result = await RunCliAsync(cli, ["import", kind, file, "--database", database, "--format", "json"], timeout);
            if (result.Exit is not (0 or 1)) throw new InvalidOperationException($"tandem import {kind} failed ({result.Exit}): {result.Error}");
            var (count, rejected) = ImportCounts(result.Output);
            if (rejected > 0) Console.WriteLine($"! import {kind}: {rejected:N0} rows rejected: {FirstLines(result.Error, 3)}");
            allRows += count;
            var rate = count / (result.Milliseconds / 1000);
            rows.Add($"| {kind} | {count:N0} | {Seconds(result.Milliseconds)} | {rate:N0} |");
            Console.WriteLine($"# imported {kind}: {count:N0} rows in {Seconds(result.Milliseconds)} ({total.Elapsed.TotalSeconds:0} s so far)");
        }
        rows.Add($"| **total** | {allRows:N0} | {Seconds(total.Elapsed.TotalMilliseconds)} | {allRows / total.Elapsed.TotalSeconds:N0} |");
        Console.WriteLine();
        Console.WriteLine("Import with the CLI, one process per file (`tandem agreement import`, `tandem import KIND FILE --format json`), process start included:");
        Console.WriteLine();
        Console.WriteLine("| kind | rows | time | rows/s |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine();
    }

    private static bool HasRows(string file)
    {
        if (!File.Exists(file)) return false;
        using var reader = new StreamReader(file);
        return reader.ReadLine() is not null && reader.ReadLine() is { Length: > 0 };
    }

    private static (long Rows, long Rejected) ImportCounts(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return (root.GetProperty("rows").GetInt64(), root.TryGetProperty("rejected", out var rejected) ? rejected.GetInt64() : 0);
        }
        catch (JsonException)
        {
            return (0, 0);
        }
    }

    /// <summary>An admin named bench with a password of our own (a reused database has the user already: a new password then).</summary>
    private static async Task<string> AddUserAsync(BenchOptions options, Cli cli, string database)
    {
        var password = "bench-" + Guid.NewGuid().ToString("N");
        var added = await RunCliAsync(cli, ["user", "add", UserName, "--role", "admin", "--password-stdin", "--database", database], options.Timeout, password);
        if (added.Exit == 0) return password;
        var reset = await RunCliAsync(cli, ["user", "password", UserName, "--password-stdin", "--database", database], options.Timeout, password);
        if (reset.Exit != 0) throw new InvalidOperationException($"tandem user add/password {UserName} failed: {added.Error} {reset.Error}");
        return password;
    }

    // ---- the server and its pages ----------------------------------------------------------------

    private static async Task<(List<Sample> Samples, List<string> Failures, List<string> ServerLines)> ServeAndRequestAsync(
        BenchOptions options, Cli cli, string database, string password, string[] periods, string?[] segments)
    {
        var port = FreePort();
        var log = Path.Combine(Path.GetTempPath(), "tandem-bench", $"pages-server-{port}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cli.Repository };
        foreach (var arg in new[] { cli.Dll, "serve", "--database", database, "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(arg);
        var lines = new List<string>();
        using var server = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        await using var logWriter = new StreamWriter(log) { AutoFlush = true };
        void Log(string? line)
        {
            if (line is null) return;
            lock (logWriter) logWriter.WriteLine(line);
        }
        server.OutputDataReceived += (_, e) => Log(e.Data);
        server.ErrorDataReceived += (_, e) => Log(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        Console.WriteLine($"# server pid {server.Id} on port {port}, log {log}");
        try
        {
            var address = new Uri($"http://127.0.0.1:{port}");
            var clock = Stopwatch.StartNew();
            await WaitHealthyAsync(server, address, log);
            Console.WriteLine($"# server answers /healthz after {clock.Elapsed.TotalSeconds:0.0} s");
            var settled = await SettleAsync(server);
            var loadBefore = LoadAverage();
            var firstPassPeak = MemoryKb(server.Id, "VmHWM") / 1024;
            var firstPassCpu = CpuSeconds(server.Id);
            Console.WriteLine($"# server idle (its first monitor pass done) after {settled:0} s, CPU {firstPassCpu:0} s so far; peak RSS so far {firstPassPeak:N0} MB");
            // From here the peak is the pages' own: writing 5 to clear_refs resets VmHWM to the current RSS (proc(5)).
            var reset = ResetPeak(server.Id);

            var cookies = new CookieContainer();
            using var handler = new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false };
            using var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(options.Timeout) };
            await SignInAsync(client, password);

            var samples = new List<Sample>();
            var failures = new List<string>();
            var problems = new HashSet<string>();
            var combinations = periods.SelectMany(p => segments.Select(s => (Period: p, Segment: s))).ToList();
            foreach (var page in Pages)
            {
                foreach (var (period, segment) in combinations)
                {
                    var combination = Combination(period, segment);
                    var url = $"{page}?period={period}" + (segment is null ? "" : $"&segment={Uri.EscapeDataString(segment)}");
                    var times = new List<double>();
                    for (var i = 0; i < options.Warmup + options.Repeat; i++)
                    {
                        var (ms, bytes, failure, problem) = await GetAsync(client, url, options.Timeout);
                        if (failure is not null)
                        {
                            failures.Add($"{url}: {failure} ({Seconds(ms)})");
                            Console.WriteLine($"! GET {url}: {failure} after {Seconds(ms)}");
                            if (failure.StartsWith("timed out", StringComparison.Ordinal)) break; // one timeout per combination is enough
                            continue;
                        }
                        if (problem is not null && problems.Add($"{page} {problem}")) Console.WriteLine($"! {url} shows a problem: {problem}");
                        if (i < options.Warmup) continue;
                        times.Add(ms);
                        samples.Add(new Sample(page, combination, ms, bytes));
                    }
                    Console.WriteLine($"#   {url}: {string.Join(", ", times.Select(Milliseconds))}");
                }
            }

            var serverLines = new List<string>
            {
                "",
                $"Server (`tandem serve`, pid {server.Id}): peak RSS (VmHWM) {(reset ? "while serving the pages" : "in all")} {MemoryKb(server.Id, "VmHWM") / 1024:N0} MB, RSS at the end {MemoryKb(server.Id, "VmRSS") / 1024:N0} MB, CPU {CpuSeconds(server.Id) - firstPassCpu:0} s for the pages. Before them: idle {settled:0} s after start (the monitor's first pass), {firstPassCpu:0} s CPU, peak RSS {firstPassPeak:N0} MB. Load average (1, 5, 15 min) {loadBefore} before the pages, {LoadAverage()} after.",
            };
            return (samples, failures, serverLines);
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitHealthyAsync(Process server, Uri address, string log)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            if (server.HasExited) throw new InvalidOperationException($"tandem serve exited ({server.ExitCode}): {FirstLines(await File.ReadAllTextAsync(log), 20)}");
            try
            {
                using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException("tandem serve did not answer /healthz within 10 minutes");
    }

    /// <summary>Waits until the server has used under 3% of a core for 10 s (the SLA monitor's first pass over a new database is done), at most an hour.</summary>
    private static async Task<double> SettleAsync(Process server)
    {
        var clock = Stopwatch.StartNew();
        var readings = new List<(double At, double Cpu)>();
        var said = 0;
        while (clock.Elapsed < TimeSpan.FromHours(1))
        {
            var now = clock.Elapsed.TotalSeconds;
            var cpu = CpuSeconds(server.Id);
            readings.Add((now, cpu));
            var before = readings.LastOrDefault(r => r.At <= now - 10);
            if (now >= 10 && cpu - before.Cpu < 0.3) return now;
            if ((int)(now / 60) > said)
            {
                said = (int)(now / 60);
                Console.WriteLine($"# waiting for the server to go idle: {now:0} s, CPU {cpu:0} s, RSS {MemoryKb(server.Id, "VmRSS") / 1024:N0} MB");
            }
            await Task.Delay(1000);
        }
        Console.WriteLine("! the server did not go idle within an hour; timing pages anyway");
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Signs in like a browser: GET the form (anti-forgery cookie and token), POST it, keep the sign-in cookie.</summary>
    private static async Task SignInAsync(HttpClient client, string password)
    {
        var form = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var token = AntiforgeryToken().Match(form) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["value"].Value)
            : throw new InvalidOperationException("no __RequestVerificationToken in the sign-in form");
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = "",
            ["userName"] = UserName,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync(new Uri("/signin", UriKind.Relative), body);
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
            throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}, not a redirect: {FirstLines(await response.Content.ReadAsStringAsync(), 5)}");
        Console.WriteLine($"# signed in as {UserName} (redirected to {response.Headers.Location})");
    }

    private static async Task<(double Ms, long Bytes, string? Failure, string? Problem)> GetAsync(HttpClient client, string url, int timeout)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            var ms = clock.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var where = response.Headers.Location is { } location ? $" to {location}" : "";
                return (ms, body.Length, $"{(int)response.StatusCode} {response.ReasonPhrase}{where}: {FirstLines(Encoding.UTF8.GetString(body), 3)}", null);
            }
            var problem = ProblemText().Match(Encoding.UTF8.GetString(body)) is { Success: true } found ? WebUtility.HtmlDecode(found.Groups["text"].Value) : null;
            return (ms, body.Length, null, problem);
        }
        catch (TaskCanceledException)
        {
            return (clock.Elapsed.TotalMilliseconds, 0, $"timed out after {timeout} s", null);
        }
        catch (HttpRequestException e)
        {
            return (clock.Elapsed.TotalMilliseconds, 0, e.Message, null);
        }
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"|<input[^>]*value=\"(?<value>[^\"]+)\"[^>]*name=\"__RequestVerificationToken\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<p class=\"problem\"[^>]*>(?<text>[^<]*)</p>")]
    private static partial Regex ProblemText();

    // ---- the read verbs --------------------------------------------------------------------------

    private static async Task ReadVerbsAsync(BenchOptions options, DataSet data, Cli cli, string database, string period)
    {
        var lead = HandedOffLead(data);
        var month = LocalDatePattern.Iso.Parse(period + "-01").Value;
        var lastDay = month.PlusMonths(1).PlusDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // The demo agreement has no capacity section, without which `tandem capacity` refuses to run: a copy with one.
        var withCapacity = Path.Combine(Path.GetTempPath(), "tandem-bench", "pages-agreement-capacity.yaml");
        await File.WriteAllTextAsync(withCapacity, await File.ReadAllTextAsync(Path.Combine(data.Folder, "agreement.yaml")) + "\n" + CapacitySection);
        string[][] verbs =
        [
            ["report", "sheet", "--period", period],
            ["report", "pacing", "--period", period],
            ["report", "speed", "--period", period],
            ["report", "depth", "--period", period],
            ["report", "scorecard", "--period", period],
            ["recalibrate", "--for", period],
            ["sla", "status"],
            ["sla", "explain", lead],
            ["capacity", "--period", period, "--agreement", withCapacity],
            ["digest", "send", "--daily", "--date", lastDay, "--to", "bench@example.com", "--dry-run"],
            ["digest", "send", "--period", "--of", period, "--to", "bench@example.com", "--dry-run"],
        ];
        var rows = new List<string>();
        foreach (var verb in verbs)
        {
            var times = new List<double>();
            RunResult? last = null;
            for (var i = 0; i < Math.Max(1, options.Repeat); i++)
            {
                last = await RunCliAsync(cli, [.. verb, "--database", database], options.VerbTimeout);
                if (last.Exit != 0)
                {
                    Console.WriteLine($"! tandem {string.Join(' ', verb)}: exit {last.Exit} after {Seconds(last.Milliseconds)}: {FirstLines(last.Error, 5)}");
                    break;
                }
                times.Add(last.Milliseconds);
            }
            Console.WriteLine($"#   tandem {string.Join(' ', verb)}: {string.Join(", ", times.Select(Milliseconds))}");
            times.Sort();
            var shown = string.Join(' ', verb.Select(v => v == lead ? "LEAD" : v == withCapacity ? "CAPACITY.yaml" : v));
            rows.Add(times.Count == 0
                ? $"| `tandem {shown}` | 0 | failed (exit {last!.Exit}) | | | |"
                : $"| `tandem {shown}` | {times.Count} | {Milliseconds(Percentile(times, 0.5))} | {Milliseconds(times[^1])} | {last!.Exit} | {Encoding.UTF8.GetByteCount(last.Output):N0} |");
        }
        VerbRows = rows;
        VerbNote = $"Read verbs, each its own process (`dotnet .tandem/build/tandem.dll VERB --database DB`, start-up included), {Math.Max(1, options.Repeat)} runs each after the server stopped; LEAD is {lead}, a lead handed off last in the data; CAPACITY.yaml is the demo agreement plus `capacity: {{minutesPerAttempt: {{call: 12, email: 4, default: 8}}}}` (the demo's has none, and `tandem capacity` needs one):";
    }

    private const string CapacitySection = "capacity:\n  minutesPerAttempt: { call: 12, email: 4, default: 8 }\n";

    private static List<string> VerbRows { get; set; } = [];

    private static string VerbNote { get; set; } = "";

    /// <summary>The last lead with an MQL stage change in stages.csv (the newest handoffs are at its end).</summary>
    private static string HandedOffLead(DataSet data)
    {
        var tail = Tail(data.File("stages"), 256 * 1024);
        var line = tail.Split('\n').Skip(1).LastOrDefault(l => l.Split(',') is [_, "MQL", ..]);
        return line?.Split(',')[0] ?? "L0000001";
    }

    // ---- output ----------------------------------------------------------------------------------

    private static void PrintPages(BenchOptions options, List<Sample> samples, List<string> failures, string[] periods, string?[] segments)
    {
        Console.WriteLine();
        Console.WriteLine($"Pages, signed in as an admin, one request at a time over loopback (HttpClient, cookies): each page for {string.Join(" and ", periods)} by all segments, {string.Join(" and ", segments.Skip(1))}; {options.Warmup} untimed then {options.Repeat} timed requests per combination; time to the last byte of the HTML.");
        Console.WriteLine();
        Console.WriteLine("| page | requests | median | p90 | max | HTML bytes (largest) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var page in Pages)
        {
            var times = samples.Where(s => s.Page == page).Select(s => s.Milliseconds).Order().ToList();
            var failed = failures.Count(f => f.StartsWith(page + "?", StringComparison.Ordinal));
            var note = failed > 0 ? $" ({failed} failed)" : "";
            Console.WriteLine(times.Count == 0
                ? $"| `{page}` | 0{note} | - | - | - | - |"
                : $"| `{page}` | {times.Count}{note} | {Milliseconds(Percentile(times, 0.5))} | {Milliseconds(Percentile(times, 0.9))} | {Milliseconds(times[^1])} | {samples.Where(s => s.Page == page).Max(s => s.Bytes):N0} |");
        }

        var combinations = periods.SelectMany(p => segments.Select(s => Combination(p, s))).ToList();
        Console.WriteLine();
        Console.WriteLine("Median per period and segment:");
        Console.WriteLine();
        Console.WriteLine($"| page | {string.Join(" | ", combinations)} |");
        Console.WriteLine($"|---|{string.Concat(combinations.Select(_ => "---:|"))}");
        foreach (var page in Pages)
        {
            var cells = combinations.Select(c => samples.Where(s => s.Page == page && s.Combination == c).Select(s => s.Milliseconds).Order().ToList())
                .Select(t => t.Count == 0 ? "-" : Milliseconds(Percentile(t, 0.5)));
            Console.WriteLine($"| `{page}` | {string.Join(" | ", cells)} |");
        }

        if (failures.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"Failed requests ({failures.Count}):");
            foreach (var failure in failures) Console.WriteLine($"- {failure}");
        }

        Console.WriteLine();
        Console.WriteLine(VerbNote);
        Console.WriteLine();
        Console.WriteLine("| command | runs | median | max | exit | output bytes |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in VerbRows) Console.WriteLine(row);
    }

    private static string Combination(string period, string? segment) => $"{period} {segment ?? "all"}";

    private static double Percentile(List<double> sorted, double p)
    {
        var copy = sorted.Order().ToList();
        return copy[Math.Clamp((int)Math.Ceiling(p * copy.Count) - 1, 0, copy.Count - 1)];
    }

    private static string Milliseconds(double ms) =>
        ms >= 1000 ? Seconds(ms) : ms >= 100 ? $"{ms:0} ms" : $"{ms:0.0} ms";

    private static string Seconds(double ms) => $"{ms / 1000:0.00} s";

    private static string Month(LocalDate date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string FirstLines(string text, int count) =>
        string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(count));

    // ---- processes and /proc ---------------------------------------------------------------------

    private static Task<RunResult> RunCliAsync(Cli cli, IEnumerable<string> args, int timeoutSeconds, string? input = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, WorkingDirectory = cli.Repository };
        start.ArgumentList.Add(cli.Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("TANDEM_DATABASE");
        return RunAsync(start, input, timeoutSeconds);
    }

    private static async Task<RunResult> RunAsync(ProcessStartInfo start, string? input, int timeoutSeconds)
    {
        start.UseShellExecute = false;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {start.FileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new RunResult(-1, await output, $"timed out after {timeoutSeconds} s; " + await error, clock.Elapsed.TotalMilliseconds);
        }
        var ms = clock.Elapsed.TotalMilliseconds;
        return new RunResult(process.ExitCode, await output, await error, ms);
    }

    private static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"! cannot reset the server's peak RSS ({e.Message}): the peak printed includes the monitor's first pass");
            return false;
        }
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>User plus system CPU seconds of a process, from /proc/PID/stat.</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 (utime, stime) of proc(5), counted from the state (field 3) here, in clock ticks of 1/100 s.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>A kB line of /proc/PID/status (VmHWM is the peak resident set, VmRSS the current one).</summary>
    private static long MemoryKb(int pid, string key)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith(key + ":", StringComparison.Ordinal)) continue;
            return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        return 0;
    }

    // ---- the data set ----------------------------------------------------------------------------

    /// <summary>The day after the newest lead's creation: the generator's as-of, read from the data (so --data folders work too).</summary>
    private static LocalDate DataAsOf(DataSet data)
    {
        var last = Tail(data.File("leads"), 64 * 1024).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        var created = InstantPattern.ExtendedIso.Parse(last.Split(',')[1]).GetValueOrThrow();
        return created.InUtc().Date.PlusDays(1);
    }

    private static string Tail(string file, int bytes)
    {
        using var stream = File.OpenRead(file);
        var length = (int)Math.Min(bytes, stream.Length);
        stream.Seek(-length, SeekOrigin.End);
        var buffer = new byte[length];
        stream.ReadExactly(buffer);
        return Encoding.UTF8.GetString(buffer);
    }
}
