using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Tandem.Data.Accounts;

namespace Tandem.Web.Tests.Pages;

/// <summary>The Data page: browser uploads through the command line's importer, the import log with its rejected rows, and API tokens.</summary>
public class DataPageTest
{
    private const string Leads = "id,created_at,owner\nL1,2026-11-02T09:00:00Z,ann\nL2,yesterday,ann\nL3,2026-11-03T09:00:00Z,bob\n";

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, string csv, string fileName = "leads.csv", string kind = "leads", bool dryRun = false, string layout = "generic", string source = "default")
    {
        var page = await browser.GetStringAsync(new Uri("/data", UriKind.Relative));
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(kind), "kind");
        form.Add(new StringContent(layout), "layout");
        form.Add(new StringContent(source), "source");
        if (dryRun) form.Add(new StringContent("true"), "dryRun");
        form.Add(new StringContent(ApiServer.Antiforgery(page)), "__RequestVerificationToken");
        return await ApiServer.FollowAsync(browser, await browser.PostAsync(new Uri("/data?handler=Upload", UriKind.Relative), form));
    }


    private static long Count(object? value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AnUploadWithABadRow_StoresTheGoodRows_AndNamesTheBadOne()
    {
        await using var server = await ApiServer.StartAsync();
        using var manager = await server.SignedInAsync(Roles.Marketing, userName: "mia");

        using var response = await UploadAsync(manager, Leads);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("/data\\?import=\\d+$", response.RequestMessage!.RequestUri!.PathAndQuery);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("leads.csv: 3 rows read; 2 inserted, 0 updated, 0 unchanged, 1 rejected.", page, StringComparison.Ordinal);
        Assert.Matches("<tr><td class=\"num\">3</td><td>created_at</td><td>[^<]*yesterday[^<]*</td></tr>", page);
        Assert.Contains("uploaded by mia", page, StringComparison.Ordinal);
        Assert.Equal(2, Count(await server.Scalar("SELECT COUNT(*) FROM leads")));

        var link = WebUtility.HtmlDecode(Regex.Match(page, "<a href=\"(/data\\?handler=Problems[^\"]+)\"").Groups[1].Value);
        using var csv = await manager.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,column,reason", lines[0].TrimEnd('\r'));
        Assert.StartsWith("3,created_at,", lines[1], StringComparison.Ordinal);

        // The same file again changes nothing; a dry run of a new one stores nothing.
        using var again = await UploadAsync(manager, Leads);
        Assert.Contains("0 inserted, 0 updated, 2 unchanged, 1 rejected", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var dry = await UploadAsync(manager, "id,created_at,owner\nL9,2026-11-05T09:00:00Z,ann\n", dryRun: true);
        Assert.Contains("1 inserted, 0 updated, 0 unchanged, 0 rejected (dry run: nothing was stored).", await dry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, Count(await server.Scalar("SELECT COUNT(*) FROM leads")));
        Assert.Equal(3, Count(await server.Scalar("SELECT COUNT(*) FROM imports")));
        Assert.Empty(Directory.Exists(Path.Combine(Path.GetTempPath(), "tandem-uploads"))
            ? Directory.GetFiles(Path.Combine(Path.GetTempPath(), "tandem-uploads"), "*.csv").Where(f => File.GetLastWriteTimeUtc(f) > DateTime.UtcNow.AddMinutes(-1) && File.ReadAllText(f).Contains("L9", StringComparison.Ordinal))
            : []);
    }

    [Fact]
    public async Task AFileRefusedWhole_IsLoggedWithItsReason_AndBadFormsAreNamed()
    {
        await using var server = await ApiServer.StartAsync();
        using var manager = await server.SignedInAsync(Roles.SalesManager);

        using var refused = await UploadAsync(manager, "name,when\nx,y\n", "contacts.csv");
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("contacts.csv: refused, nothing was stored.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("tandem-uploads", page, StringComparison.Ordinal); // the server's temporary path never shows
        Assert.Contains("Refused whole, nothing was stored:", page, StringComparison.Ordinal);
        Assert.Equal(0, Count(await server.Scalar("SELECT COUNT(*) FROM leads")));

        using var empty = await UploadAsync(manager, "", "empty.csv");
        Assert.Contains("File: choose a CSV file to upload", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var kind = await UploadAsync(manager, Leads, kind: "customers");
        Assert.Contains("Kind: &#x27;customers&#x27; is not one of reps, leads, stages, touches, deals, content, content-uses, campaigns, campaign-leads, reports, report-feedback, launches, trainings, attendance.", await kind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var layout = await UploadAsync(manager, Leads, layout: "pipedrive");
        Assert.Contains("Layout: &#x27;pipedrive&#x27; is not one of generic, hubspot, salesforce.", await layout.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var source = await UploadAsync(manager, Leads, source: " ");
        Assert.Contains("Source: give the system the records come from", await source.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, Count(await server.Scalar("SELECT COUNT(*) FROM imports")));
        Assert.Equal(0, Count(await server.Scalar("SELECT COUNT(*) FROM leads")));
    }

    [Fact]
    public async Task AViewer_SeesTheLog_ButCannotUploadOrSeeTokens()
    {
        await using var server = await ApiServer.StartAsync();
        using var viewer = await server.SignedInAsync(Roles.Viewer);
        var page = await viewer.GetStringAsync(new Uri("/data", UriKind.Relative));
        Assert.DoesNotContain("enctype=\"multipart/form-data\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("API tokens", page, StringComparison.Ordinal);
        using var refused = await UploadAsync(viewer, Leads);
        Assert.Equal("/denied", refused.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(0, Count(await server.Scalar("SELECT COUNT(*) FROM leads")));
    }

    [Fact]
    public async Task AnAdmin_CreatesATokenWithScopes_SeesItOnce_AndRevokesIt()
    {
        await using var server = await ApiServer.StartAsync();
        using var admin = await server.SignedInAsync(Roles.Admin);
        var page = await admin.GetStringAsync(new Uri("/data", UriKind.Relative));
        FormUrlEncodedContent Form(params (string, string)[] fields) => new([.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("__RequestVerificationToken", ApiServer.Antiforgery(page))]);

        using var created = await admin.PostAsync(new Uri("/data?handler=Token", UriKind.Relative), Form(("name", "crm sync"), ("scopes", "read")));
        var shown = await created.Content.ReadAsStringAsync();
        var token = Regex.Match(shown, "<p class=\"secret\" data-token>([^<]+)</p>").Groups[1].Value;
        Assert.StartsWith("tdm_", token, StringComparison.Ordinal);
        Assert.DoesNotContain(token, await admin.GetStringAsync(new Uri("/data", UriKind.Relative)), StringComparison.Ordinal);

        using var api = server.Anonymous;
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/v1/leads/nobody");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(read)).StatusCode); // read scope: in, and no such lead
        using var ingest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads") { Content = ApiServer.Json("[]") };
        ingest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(ingest)).StatusCode);

        using var duplicate = await admin.PostAsync(new Uri("/data?handler=Token", UriKind.Relative), Form(("name", "crm sync"), ("scopes", "read")));
        Assert.Contains("Token not created: Name: a token named &#x27;crm sync&#x27; exists", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var noScope = await admin.PostAsync(new Uri("/data?handler=Token", UriKind.Relative), Form(("name", "other")));
        Assert.Contains("Token not created: Scopes: give one or more of ingest, read, manage", await noScope.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var revoked = await ApiServer.FollowAsync(admin, await admin.PostAsync(new Uri("/data?handler=Revoke", UriKind.Relative), Form(("name", "crm sync"))));
        Assert.Contains("Token &#x27;crm sync&#x27; revoked", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/leads/nobody");
        again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(again)).StatusCode);

        using var manager = await server.SignedInAsync(Roles.SalesManager, userName: "sam");
        var managerPage = await manager.GetStringAsync(new Uri("/data", UriKind.Relative));
        using var notAdmin = await ApiServer.FollowAsync(manager, await manager.PostAsync(new Uri("/data?handler=Token", UriKind.Relative), new FormUrlEncodedContent([new("name", "x"), new("scopes", "read"), new("__RequestVerificationToken", ApiServer.Antiforgery(managerPage))])));
        Assert.Equal("/denied", notAdmin.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(0, Count(await server.Scalar("SELECT COUNT(*) FROM api_tokens WHERE name = 'x'")));
    }
}
