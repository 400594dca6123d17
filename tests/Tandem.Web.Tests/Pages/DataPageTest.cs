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

    private static Task<HttpResponseMessage> UploadAsync(HttpClient browser, string csv, string fileName = "leads.csv", string kind = "leads", bool dryRun = false, string layout = "generic", string source = "default", string handler = "Upload") =>
        PostFileAsync(browser, Encoding.UTF8.GetBytes(csv), fileName, kind, dryRun, layout, source, handler);

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient browser, byte[] content, string fileName, string kind = "leads", bool dryRun = false, string layout = "generic", string source = "default", string handler = "Upload", string? sheet = null, (string Name, string Text)? mapping = null)
    {
        var page = await browser.GetStringAsync(new Uri("/data", UriKind.Relative));
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        if (sheet is not null) form.Add(new StringContent(sheet), "sheet");
        if (mapping is { } m) form.Add(new StringContent(m.Text, Encoding.UTF8, "text/yaml"), "mapping", m.Name);
        form.Add(file, "file", fileName);
        form.Add(new StringContent(kind), "kind");
        form.Add(new StringContent(layout), "layout");
        form.Add(new StringContent(source), "source");
        if (dryRun) form.Add(new StringContent("true"), "dryRun");
        form.Add(new StringContent(ApiServer.Antiforgery(page)), "__RequestVerificationToken");
        return await ApiServer.FollowAsync(browser, await browser.PostAsync(new Uri($"/data?handler={handler}", UriKind.Relative), form));
    }

    [Fact]
    public async Task APreview_ShowsTheFirstRowsAsRead_WritesNothing_AndTheImportThenStoresThem()
    {
        await using var server = await ApiServer.StartAsync();
        using var manager = await server.SignedInAsync(Roles.Marketing);
        var csv = "id,created_at,owner,colour\nL1,2026-11-02T10:00:00+01:00,ann,red\nL2,yesterday,,blue\n"
            + string.Concat(Enumerable.Range(3, 23).Select(i => $"L{i},2026-11-03,bob,green\n"));

        using var preview = await UploadAsync(manager, csv, handler: "Preview");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await preview.Content.ReadAsStringAsync();
        Assert.Contains("The first 20 rows (the file has more) as Tandem reads them: 19 would be stored, <strong>1 rejected</strong>. Nothing is stored yet.", page, StringComparison.Ordinal);
        Assert.Equal(20, Regex.Count(Regex.Match(page, "<table class=\"figures\" data-table=\"preview\">.*?</table>", RegexOptions.Singleline).Value, "<th scope=\"row\" class=\"why\">"));
        Assert.Matches("<th scope=\"row\" class=\"why\">2</th>\\s*<td>L1</td>\\s*<td>2026-11-02T09:00:00Z</td>\\s*<td>ann</td>\\s*</tr>", page);
        // A bad row's reason leads it, in the first column.
        Assert.Matches("<tr class=\"rejected\">\\s*<th scope=\"row\" class=\"why\">3\\s*<span>: created_at: &#x27;yesterday&#x27; is not a time[^<]*</span>\\s*</th>\\s*<td>L2</td>\\s*<td>-</td>\\s*<td>-</td>\\s*</tr>", page);
        Assert.Contains("Columns not read: colour.", page, StringComparison.Ordinal);
        Assert.Contains("form=\"upload-form\" formaction=\"/data?handler=Upload\" data-import>Import leads.csv</button>", page, StringComparison.Ordinal);
        Assert.Equal(0, Count(await server.Scalar("SELECT COUNT(*) FROM leads")));
        Assert.Equal(0, Count(await server.Scalar("SELECT COUNT(*) FROM imports")));

        using var imported = await UploadAsync(manager, csv);
        Assert.Contains("leads.csv: 25 rows read; 24 inserted, 0 updated, 0 unchanged, 1 rejected.", await imported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(24, Count(await server.Scalar("SELECT COUNT(*) FROM leads")));
    }

    private const string DealsMapping = """
        zone: America/Sao_Paulo
        deals:
          id: mql_id
          lead_id: mql_id
          status: { constant: won }
          closed_at: { column: won_date, format: dd-MM-yyyy HH:mm }
          amount: { column: declared_monthly_revenue, values: { "0": "" } }
        stages:
          - { lead_id: mql_id, stage: { constant: Customer }, changed_at: { column: won_date, format: dd-MM-yyyy HH:mm }, rep: sr_id }
        reps:
          - id: sdr_id
          - id: sr_id
        ignore: [business_segment]
        """;

    [Fact]
    public async Task AnUploadedMapping_IsPreviewedForEveryKindItFeeds_ThenImported_AndItsErrorsNameLineAndKey()
    {
        await using var server = await ApiServer.StartAsync();
        using var manager = await server.SignedInAsync(Roles.Marketing);
        var csv = "mql_id,sdr_id,sr_id,won_date,business_segment,declared_monthly_revenue\nM1,S1,C1,26-02-2018 19:58,pet,0\nM2,S1,C2,2018-05-08 20:17,car,1500\nM3,S2,C1,05-06-2018 17:27,home,1200\n";
        var bytes = Encoding.UTF8.GetBytes(csv);

        var preview = await (await PostFileAsync(manager, bytes, "deals.csv", kind: "deals", handler: "Preview", mapping: ("olist-deals.yaml", DealsMapping))).Content.ReadAsStringAsync();
        Assert.Contains("Preview of deals.csv, through olist-deals.yaml", preview, StringComparison.Ordinal);
        Assert.Matches("<th scope=\"col\">stage changes</th>\\s*<th scope=\"col\">reps</th>", preview);
        // The deal as read (0 translated to no amount, 19:58 in São Paulo shown in the page's zone), its Customer stage and both reps.
        Assert.Matches("<th scope=\"row\" class=\"why\">2</th>\\s*<td>M1</td>\\s*<td>won</td>\\s*<td>M1</td>\\s*<td>-</td>\\s*<td>2018-02-26T22:58:00Z</td>\\s*<td>Customer 2018-02-26T22:58:00Z</td>\\s*<td>id S1; id C1</td>", preview);
        Assert.Contains("won_date: &#x27;2018-05-08 20:17&#x27; is not a time (expected dd-MM-yyyy HH:mm)", preview, StringComparison.Ordinal);
        Assert.Contains("Columns ignored (the mapping says so): business_segment.", preview, StringComparison.Ordinal);
        Assert.Equal(0, Count(await server.Scalar("SELECT COUNT(*) FROM deals")));
        Assert.Equal(0, Count(await server.Scalar("SELECT COUNT(*) FROM reps")));

        using var imported = await PostFileAsync(manager, bytes, "deals.csv", kind: "deals", mapping: ("olist-deals.yaml", DealsMapping));
        var page = await imported.Content.ReadAsStringAsync();
        Assert.Contains("deals.csv: 3 rows read; 2 inserted, 0 updated, 0 unchanged, 1 rejected; stage changes: 2 inserted, 0 updated, 0 unchanged; reps: 3 inserted, 0 updated, 1 unchanged.", page, StringComparison.Ordinal);
        Assert.Equal((2, 3, 2), (Count(await server.Scalar("SELECT COUNT(*) FROM deals")), Count(await server.Scalar("SELECT COUNT(*) FROM reps")), Count(await server.Scalar("SELECT COUNT(*) FROM stage_changes"))));
        // The opened import's data quality, a section per kind written.
        Assert.Contains("no deal amount on 1 of 2 won deals", page, StringComparison.Ordinal);
        Assert.Contains("<ul data-quality=\"reps\">", page, StringComparison.Ordinal);
        Assert.Contains("no weekly hours in the store: none of its 3 reps has one", page, StringComparison.Ordinal);

        // A shipped mapping by name, for a file it does not fit: refused with the mapping's own key.
        var shipped = await (await UploadAsync(manager, csv, "deals.csv", layout: "hubspot", handler: "Preview")).Content.ReadAsStringAsync();
        Assert.Contains("deals.csv would be refused, nothing was stored.", shipped, StringComparison.Ordinal);

        // A mapping with errors: each named with its line and key, nothing stored.
        var broken = DealsMapping.Replace("format: dd-MM-yyyy HH:mm }\n  amount", "format: dd-mm-yyyy }\n  amount", StringComparison.Ordinal).Replace("sr_id }", "no_such_column }", StringComparison.Ordinal);
        var refused = await (await PostFileAsync(manager, bytes, "deals.csv", kind: "deals", handler: "Preview", mapping: ("broken.yaml", broken))).Content.ReadAsStringAsync();
        Assert.Contains("The mapping broken.yaml does not fit", refused, StringComparison.Ordinal);
        Assert.Contains("<li>broken.yaml:6: deals.closed_at.format: &#x27;dd-mm-yyyy&#x27; has no month: mm is minutes, MM is the month</li>", refused, StringComparison.Ordinal);
        Assert.Equal(2, Count(await server.Scalar("SELECT COUNT(*) FROM deals")));
    }

    [Fact]
    public async Task AWorkbook_IsPreviewedAndImported_AndTheImportShowsItsDataQuality()
    {
        await using var server = await ApiServer.StartAsync();
        using var manager = await server.SignedInAsync(Roles.Marketing);
        var path = Path.Combine(Path.GetTempPath(), $"upload-{Guid.NewGuid():N}.xlsx");
        Tandem.Data.Tests.Import.XlsxFile.Write(path, ("Notes", [(1, ["read me"])]), ("Leads", [
            (1, ["id", "created_at", "lead_type"]),
            (2, ["A", Tandem.Data.Tests.Import.XCell.Num("46328.375", "yyyy-mm-dd hh:mm"), "web"]),
            (3, ["B", Tandem.Data.Tests.Import.XCell.Num("46329", "yyyy-mm-dd"), null]),
            (5, ["C", Tandem.Data.Tests.Import.XCell.Error("#N/A"), "ads"]),
        ]));
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);

        var preview = await (await PostFileAsync(manager, bytes, "leads.xlsx", handler: "Preview", sheet: "Leads")).Content.ReadAsStringAsync();
        Assert.Contains("Preview of leads.xlsx, sheet Leads", preview, StringComparison.Ordinal);
        Assert.Matches("<th scope=\"row\" class=\"why\">2</th>\\s*<td>A</td>\\s*<td>2026-11-02T09:00:00Z</td>\\s*<td>web</td>", preview);
        Assert.Contains("<span>: created_at (B): holds the spreadsheet error #N/A</span>", preview, StringComparison.Ordinal);
        var missing = await (await PostFileAsync(manager, bytes, "leads.xlsx", handler: "Preview", sheet: "Deals")).Content.ReadAsStringAsync();
        Assert.Contains("leads.xlsx would be refused, nothing was stored. Sheet: leads.xlsx has no sheet named &#x27;Deals&#x27; (sheets: Notes, Leads).", missing, StringComparison.Ordinal);
        var empty = await (await UploadAsync(manager, "", "empty.csv", handler: "Preview")).Content.ReadAsStringAsync();
        Assert.Contains("<p class=\"problem\" role=\"alert\">empty.csv would be refused, nothing was stored. File: choose a CSV or .xlsx file to upload", empty, StringComparison.Ordinal);
        var wrongKind = await (await PostFileAsync(manager, bytes, "leads.xlsx", kind: "deals", handler: "Preview", sheet: "Leads")).Content.ReadAsStringAsync();
        Assert.Contains("leads.xlsx would be refused, nothing was stored. header: missing required column status for deals", wrongKind, StringComparison.Ordinal);
        Assert.Contains("<option value=\"deals\" selected=\"selected\">deals</option>", wrongKind, StringComparison.Ordinal); // the form keeps its choices
        Assert.Equal(0, Count(await server.Scalar("SELECT COUNT(*) FROM imports")));

        var done = await (await PostFileAsync(manager, bytes, "leads.xlsx", sheet: "Leads")).Content.ReadAsStringAsync();
        Assert.Contains("leads.xlsx (sheet Leads): 3 rows read; 2 inserted, 0 updated, 0 unchanged, 1 rejected.", done, StringComparison.Ordinal);
        Assert.Contains("<h3>Data quality</h3>", done, StringComparison.Ordinal);
        Assert.Contains("<li>no lead type on 1 of 2 leads: those leads are left out of per-lead-type figures", done, StringComparison.Ordinal);
        Assert.Contains("<li>values not read or missing where required, by column: created_at (B) 1; the 1 row holding them was not stored</li>", done, StringComparison.Ordinal);
        Assert.Contains("<td>rows rejected; 4 data-quality notes</td>", done, StringComparison.Ordinal);
        Assert.Matches("<tr><th scope=\"row\">lead_type</th><td>lead_type</td><td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">2</td></tr>", done);
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
        Assert.Contains("File: choose a CSV or .xlsx file to upload", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
        using var preview = await UploadAsync(viewer, Leads, handler: "Preview");
        Assert.Equal("/denied", preview.RequestMessage!.RequestUri!.AbsolutePath);
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
