using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tandem.Data.Demo;
using Tandem.Data.Store;
using Tandem.Web;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem serve</c>: the web server (the ingest API now; pages with the web issue) on the configured database.</summary>
public static class ServeCommand
{
    /// <summary>Leads in the demo company: 12 months of a mid-sized B2B funnel, small enough to make in seconds.</summary>
    public const int DemoLeads = 6000;

    /// <summary>The address served when <c>--urls</c> is not given.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Creates the verb.</summary>
    public static Command Create(TextWriter output)
    {
        var urls = new Option<string>("--urls") { Description = $"Where to listen, e.g. http://0.0.0.0:8080 (default {DefaultUrls}; port 0 picks a free port).", DefaultValueFactory = _ => DefaultUrls };
        var database = DatabaseOption.Create();
        var zone = ZoneOption.Create();
        var smtp = new Option<string?>("--smtp") { Description = "SMTP server for e-mail notifications: smtp://host:port or smtps://user:password@host (default TANDEM_SMTP)." };
        var mailFrom = new Option<string?>("--mail-from") { Description = "Sender address of e-mail notifications (default TANDEM_MAIL_FROM)." };
        var interval = new Option<int>("--monitor-interval") { Description = "Seconds between passes of the SLA monitor (default 30).", DefaultValueFactory = _ => 30 };
        var demo = new Option<bool>("--demo") { Description = $"Serve the demo company from its own database ({DemoDatabase.FileName} in the data folder, never yours), made on first run; prints a demo admin sign-in." };
        var demoAsOf = new Option<string?>("--as-of") { Description = "With --demo: where a new demo data set ends (a date or an instant with offset; default now)." };
        var command = new Command("serve", "Run the Tandem server: the web app, the HTTP API (see docs/api.md) and the SLA monitor that moves clocks and sends notifications.") { urls, database, zone, smtp, mailFrom, interval, demo, demoAsOf };
        command.SetAction(async (parse, cancel) =>
        {
            var isDemo = parse.GetValue(demo);
            if (isDemo && parse.GetValue(database) is not null) throw new CliUsageException("--database: --demo serves its own demo database; leave --database out (or drop --demo to serve yours)");
            if (!isDemo && parse.GetValue(demoAsOf) is not null) throw new CliUsageException("--as-of: only with --demo (where the demo data set ends)");
            var target = isDemo ? DemoDatabase.Target() : DatabaseLocation.Resolve(parse.GetValue(database));
            if (parse.GetValue(interval) is < 1 or > 3600) throw new CliUsageException($"--monitor-interval: must be 1 to 3600 seconds (got {parse.GetValue(interval)})");
            var settings = new TandemServerSettings(target, ZoneOption.Resolve(parse.GetValue(zone)))
            {
                Smtp = ReadSmtp(parse.GetValue(smtp), parse.GetValue(mailFrom)),
                MonitorInterval = NodaTime.Duration.FromSeconds(parse.GetValue(interval)),
            };
            // Open (and migrate) before listening, so a bad --database fails here in one line.
            await using (var check = new TandemDatabase(target))
            await using (await DatabaseErrors.Guard(target, () => check.OpenAsync(cancel)).ConfigureAwait(false))
            {
            }
            string? demoPassword = null;
            if (isDemo)
            {
                await using var demoDb = new TandemDatabase(target);
                var end = parse.GetValue(demoAsOf) is { } text ? DemoCommand.ParseAsOf(text) : NodaTime.SystemClock.Instance.GetCurrentInstant();
                var seeded = await DemoDatabase.SeedAsync(demoDb, new DemoOptions(DemoLeads, 1, end), cancel).ConfigureAwait(false);
                if (seeded is not null)
                    await output.WriteLineAsync($"made the demo database {target.Display()}: {seeded.Leads:N0} leads, {seeded.Touches:N0} touches over 12 months to {end}").ConfigureAwait(false);
                demoPassword = await Tandem.Web.Accounts.DemoAccount.EnsureAsync(demoDb, NodaTime.SystemClock.Instance.GetCurrentInstant().ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false);
            }
            await using var app = TandemWebApp.Create(["--urls", parse.GetValue(urls)!], settings);
            try
            {
                await app.StartAsync(cancel).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new CliUsageException($"--urls: cannot listen on {parse.GetValue(urls)}: {e.Message}");
            }
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            await output.WriteLineAsync($"Tandem is serving {target.Display()} on {string.Join(", ", addresses)} (Ctrl+C stops it)").ConfigureAwait(false);
            await output.WriteLineAsync($"  Web app: {addresses.FirstOrDefault()}/ (sign in; tandem user add NAME --role admin makes an account)").ConfigureAwait(false);
            if (demoPassword is not null)
                await output.WriteLineAsync($"  Demo sign-in: user {Tandem.Web.Accounts.DemoAccount.UserName}, password {demoPassword} (new on every start)").ConfigureAwait(false);
            await output.WriteLineAsync($"  API: {addresses.FirstOrDefault()}/api/v1 (docs/api.md); OpenAPI: {addresses.FirstOrDefault()}/api/v1/openapi.json").ConfigureAwait(false);
            await output.WriteLineAsync($"  SLA monitor: every {parse.GetValue(interval)} s; e-mail {(settings.Smtp is { } mail ? $"through {mail}" : "off (no --smtp)")}").ConfigureAwait(false);
            await output.FlushAsync(cancel).ConfigureAwait(false);
            try
            {
                await app.WaitForShutdownAsync(cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The SMTP settings from the flags, else the environment; null when neither names a server.</summary>
    internal static Tandem.Web.Notifications.SmtpSettings? ReadSmtp(string? flag, string? fromFlag)
    {
        var (url, origin) = flag is not null ? (flag, "--smtp") : (Environment.GetEnvironmentVariable("TANDEM_SMTP"), "TANDEM_SMTP");
        if (string.IsNullOrWhiteSpace(url)) return null;
        var from = fromFlag ?? Environment.GetEnvironmentVariable("TANDEM_MAIL_FROM")
            ?? throw new CliUsageException("--mail-from: e-mail notifications need a sender address (or TANDEM_MAIL_FROM)");
        try
        {
            return Tandem.Web.Notifications.SmtpSettings.Parse(url.Trim(), from.Trim(), origin);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
