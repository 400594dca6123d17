using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Analytics;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Reports;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Web.Pages;

/// <summary>
/// Recalibration: next period's numbers from history (as <c>tandem recalibrate</c> works them out)
/// against the agreement's, rate by rate, with the pooled cohorts they come from. With
/// ?format=csv|xlsx it answers the tables <c>tandem recalibrate --format csv|xlsx</c> writes.
/// </summary>
public sealed class RecalibrationModel(PageData data) : TablePage(data)
{
    /// <inheritdoc/>
    protected override string FileStem => "recalibration";

    /// <summary>A window, cycle or period-to-plan problem as a download's 400 names it ("window: must be ..."), or null.</summary>
    private string? fieldProblem;

    /// <summary>The window asked for (?window=6..12).</summary>
    public int Window { get; private set; } = 6;

    /// <summary>The sales cycle asked for in periods (?cycle=), or null for the measured one.</summary>
    public int? Cycle { get; private set; }

    /// <summary>The period the proposal is for: ?for=, else the one after the current period.</summary>
    public Period For { get; private set; }

    /// <summary>The proposal, or null when the page has a problem to show.</summary>
    public RecalibrationResult? Result { get; private set; }

    /// <summary>The funnel's stage names, top first, as the tracking sheet counts them.</summary>
    public IReadOnlyList<string> Funnel { get; private set; } = [];

    /// <summary>The tables the page downloads: those of <c>tandem recalibrate --for FOR --window N [--cycle C] --format csv|xlsx</c>.</summary>
    public IReadOnlyList<ReportTable> Tables => Result is null ? [] : RecalibrationTables.Of(For, Result);

    /// <summary>Works out the proposal; with ?format=csv|xlsx, answers its tables as a file.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (await RefuseFormatAsync().ConfigureAwait(false) is { } refused) return refused;
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        await ComputeAsync(scope, name => Request.Query[name].ToString(), cancel).ConfigureAwait(false);
        if (!Downloading) return Page();
        if (fieldProblem is not null)
        {
            await Problems.Write(HttpContext, StatusCodes.Status400BadRequest, "No figures to download", fieldProblem).ConfigureAwait(false);
            return new EmptyResult();
        }
        return await DownloadAsync(Tables, cancel).ConfigureAwait(false);
    }

    /// <summary>The download's address: this proposal's period, window and cycle, and the format (and one table when named).</summary>
    public string TablesLink(string format, string? table = null) =>
        $"/recalibration?for={Uri.EscapeDataString(For.ToString())}&window={Window}" + (Cycle is { } c ? $"&cycle={c}" : "") + $"&format={format}"
        + (table is null ? "" : $"&table={Uri.EscapeDataString(table)}");

    /// <summary>
    /// Makes the proposal a draft revision of the active agreement (managers): worked out again on
    /// the server from the window and cycle posted, never from figures the browser sends, then
    /// stored exactly (fractions) as a draft based on the active version.
    /// </summary>
    public async Task<IActionResult> OnPostDraftAsync(CancellationToken cancel)
    {
        if (!CanManage) return Forbid();
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        await ComputeAsync(scope, name => Request.Form[name].ToString(), cancel).ConfigureAwait(false);
        if (Result is null) return Page();
        var active = await AgreementStore.ActiveAsync(scope.Connection, cancel).ConfigureAwait(false);
        try
        {
            if (active is null) throw new InvalidInputException("agreement", "none is active to revise");
            Domain.Agreements.Agreement activeTerms;
            try
            {
                activeTerms = AgreementLifecycle.Parse(active);
            }
            catch (Tandem.Data.Agreements.AgreementFileException)
            {
                Problem = $"No draft stored: version #{active.Id} was written by a newer Tandem; this one cannot revise it.";
                return Page();
            }
            var draft = await AgreementRevisions.DraftAsync(scope.Connection, active, AgreementRevisions.Recalibrated(activeTerms, Result),
                AgreementRevisions.RecalibrationNote(For, Result, Request.Form["note"].ToString()), $"web:{User.Identity!.Name}", scope.Now, cancel).ConfigureAwait(false);
            var diff = AgreementDiff.Compare(activeTerms, AgreementLifecycle.Parse(draft));
            TempData["Message"] = $"Drafted #{draft.Id} from the recalibration for {For}, based on #{active.Id}: {diff.Terms.Count} term{(diff.Terms.Count == 1 ? "" : "s")} changed. Propose it for signing when it is right.";
            return Redirect($"/agreement?version={draft.Id}&from={active.Id}&to={draft.Id}#difference");
        }
        catch (InvalidInputException e)
        {
            Problem = $"No draft stored: {e.Field}: {e.Reason}.";
            return Page();
        }
    }

    private async Task ComputeAsync(PageScope scope, Func<string, string> read, CancellationToken cancel)
    {
        if (!Resolve(scope)) return;
        For = Period.Next();
        var asked = read("for");
        try
        {
            if (!string.IsNullOrWhiteSpace(asked)) For = Period.Parse(asked, "for");
            var windowText = read("window");
            if (!string.IsNullOrWhiteSpace(windowText))
            {
                if (!int.TryParse(windowText, NumberStyles.None, CultureInfo.InvariantCulture, out var window) || window is < RecalibrationWindow.MinLength or > RecalibrationWindow.MaxLength)
                    throw new InvalidInputException("window", $"must be {RecalibrationWindow.MinLength} to {RecalibrationWindow.MaxLength} periods (got '{windowText}')");
                Window = window;
            }
            var cycleText = read("cycle");
            if (!string.IsNullOrWhiteSpace(cycleText))
            {
                if (!int.TryParse(cycleText, NumberStyles.None, CultureInfo.InvariantCulture, out var cycle) || cycle > 24)
                    throw new InvalidInputException("cycle", $"must be a whole number of periods from 0 to 24, or empty for the measured cycle (got '{cycleText}')");
                Cycle = cycle;
            }
        }
        catch (InvalidInputException e)
        {
            Problem = $"{char.ToUpperInvariant(e.Field[0])}{e.Field[1..]}: {e.Reason}.";
            fieldProblem = $"{e.Field}: {e.Reason}";
            return;
        }
        var (result, sheet) = await RecalibrationQuery.RunAsync(scope.Connection, Agreement!, For, Window, Cycle, cancel).ConfigureAwait(false);
        (Result, Funnel) = (result, sheet.Funnel);
    }

    /// <summary>A figure of the changes table as its kind reads: counts whole, the deal size as money, rates as percentages.</summary>
    public static string Show(string name, Fraction? value) => value is not { } v ? "-"
        : name == "leads needed" ? Figures.Count((long)v.ToDecimal(0))
        : name == "deal size" ? Figures.Money(v)
        : v.ToDecimal(4).ToString("0.##%", CultureInfo.InvariantCulture);

    /// <summary>
    /// The plan page with the proposal's funnel rates and deal size typed in as the page shows them
    /// (20.75%, 11941.57), each with its exact value beside it (<see cref="PlanForm.ExactSuffix"/>)
    /// where the shown one is rounded, so the plan there is the proposal's to the last lead.
    /// </summary>
    public string PlanLink()
    {
        if (Result?.NewPlan is not { } plan || Agreement is null) return "/plan";
        var query = new List<string>();
        void Add(string name, string shown, Fraction exact, Fraction readBack)
        {
            query.Add($"{name}={Uri.EscapeDataString(shown)}");
            if (readBack != exact) query.Add($"{name}{PlanForm.ExactSuffix}={Uri.EscapeDataString(Exact(exact))}");
        }
        if (plan.Input.DealSize is { } deal && deal != Agreement.Plan.DealSize)
        {
            var shown = PlanForm.ShowAmount(deal);
            Add("dealSize", shown, deal, Fraction.FromDecimal(deal.ToDecimal(2)));
        }
        var stages = plan.Input.Funnel?.Stages ?? [];
        var agreed = Agreement.Plan.Funnel?.Stages ?? [];
        for (var i = 0; i < stages.Count && i < agreed.Count; i++)
            if (stages[i].Rate != agreed[i].Rate)
            {
                var shown = PlanForm.ShowRate(stages[i].Rate);
                Add($"rate.{i}", shown, stages[i].Rate.Value, Fraction.FromDecimal((stages[i].Rate.Value * 100).ToDecimal(2)) / 100);
            }
        return query.Count == 0 ? "/plan" : "/plan?" + string.Join("&", query);
    }

    private static string Exact(Fraction value) => value.Denominator.IsOne
        ? value.Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{value.Numerator.ToString(CultureInfo.InvariantCulture)}/{value.Denominator.ToString(CultureInfo.InvariantCulture)}";
}
