using Microsoft.Playwright;
using Tandem.Data.Accounts;
using Tandem.Data.Demo;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// A real headless Chromium (Debian's, which test.sh installs) driven by Playwright against a
/// Tandem server over the demo company's data. Console errors (a script failing, a content
/// security policy violation) are collected, so a test can require there were none.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(ApiServer server, IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        (Server, _playwright, _browser, Context, Page) = (server, playwright, browser, context, page);
        Page.Console += (_, message) =>
        {
            if (message.Type == "error") Errors.Add($"{Page.Url}: {message.Text} {message.Location}");
        };
        Page.PageError += (_, error) => Errors.Add($"{Page.Url}: {error}");
    }

    /// <summary>The server.</summary>
    public ApiServer Server { get; }

    /// <summary>The browser's context (cookies).</summary>
    public IBrowserContext Context { get; }

    /// <summary>The one tab.</summary>
    public IPage Page { get; }

    /// <summary>Errors the pages logged.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The server's address.</summary>
    public string Url(string path) => new Uri(Server.Client.BaseAddress!, path).ToString();

    /// <summary>A server over the demo data (600 leads, 9 months, clocks refreshed), and a browser of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static async Task<BrowserSession> StartAsync(int width = 1280, int height = 900)
    {
        var now = ApiServer.DemoNow;
        var server = await ApiServer.StartAsync(clock: new NodaTime.Testing.FakeClock(now));
        await DemoDatabase.SeedAsync(server.Database, new DemoOptions(600, 7, now) { Months = 9 });
        await using (var connection = await server.Database.OpenAsync())
        {
            await Tandem.Data.Projection.Projector.RunAsync(connection, now, null, default);
            await UserStore.AddAsync(connection, "ada", "Ada Admin", Roles.Admin, null, Tandem.Web.Accounts.Passwords.Hash(ApiServer.Password), 1);
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, AcceptDownloads = true });
        context.SetDefaultTimeout(15_000);
        return new BrowserSession(server, playwright, browser, context, await context.NewPageAsync());
    }

    /// <summary>
    /// Signs in through the form as the demo admin (ada). The first two requests of a new server
    /// compile its pages while the other test assemblies run beside it on two cores, so they get
    /// a minute rather than the 15 s every later step gets.
    /// </summary>
    public async Task SignInAsync()
    {
        await Page.GotoAsync(Url("/"), new() { Timeout = 60_000 });
        await Page.GetByLabel("User name").FillAsync("ada");
        await Page.GetByLabel("Password").FillAsync(ApiServer.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(Url("/"), new() { Timeout = 60_000 });
    }

    /// <summary>Opens <paramref name="path"/> and waits until the page script has run.</summary>
    public async Task OpenAsync(string path)
    {
        var response = await Page.GotoAsync(Url(path));
        if (response is null || !response.Ok) throw new InvalidOperationException($"{path}: {response?.Status}");
        await Page.WaitForSelectorAsync("html[data-ready='true']", new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Saves a full-page screenshot as a test artifact: artifacts/screenshots/NAME.png at the repository's root.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(ArtifactsFolder(), "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>TANDEM_ARTIFACTS when set, else the artifacts folder next to test.sh.</summary>
    public static string ArtifactsFolder()
    {
        if (Environment.GetEnvironmentVariable("TANDEM_ARTIFACTS") is { Length: > 0 } set) return set;
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "test.sh"))) return Path.Combine(folder.FullName, "artifacts");
        return Path.Combine(AppContext.BaseDirectory, "artifacts");
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Server.DisposeAsync();
    }
}
