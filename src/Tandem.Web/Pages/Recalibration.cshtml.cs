using System.Globalization;
using Tandem.Data.Analytics;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Reports;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Web.Pages;

/// <summary>
/// Recalibration: next period's numbers from history (as <c>tandem recalibrate</c> works them out)
/// against the agreement's, rate by rate, with the pooled cohorts they come from.
/// </summary>
public sealed class RecalibrationModel(PageData data) : TandemPage(data)
{
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

    /// <summary>Works out the proposal.</summary>
    public async Task OnGetAsync(CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (!Resolve(scope)) return;
        For = Period.Next();
        var asked = Request.Query["for"].ToString();
        try
        {
            if (!string.IsNullOrWhiteSpace(asked)) For = Period.Parse(asked, "for");
            var windowText = Request.Query["window"].ToString();
            if (!string.IsNullOrWhiteSpace(windowText))
            {
                if (!int.TryParse(windowText, NumberStyles.None, CultureInfo.InvariantCulture, out var window) || window is < RecalibrationWindow.MinLength or > RecalibrationWindow.MaxLength)
                    throw new InvalidInputException("window", $"must be {RecalibrationWindow.MinLength} to {RecalibrationWindow.MaxLength} periods (got '{windowText}')");
                Window = window;
            }
            var cycleText = Request.Query["cycle"].ToString();
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

    /// <summary>The plan page with the proposal's funnel rates and deal size typed in, exactly (as fractions).</summary>
    public string PlanLink()
    {
        if (Result?.NewPlan is not { } plan || Agreement is null) return "/plan";
        var query = new List<string>();
        if (plan.Input.DealSize is { } deal && deal != Agreement.Plan.DealSize) query.Add($"dealSize={Uri.EscapeDataString(Exact(deal))}");
        var stages = plan.Input.Funnel?.Stages ?? [];
        var agreed = Agreement.Plan.Funnel?.Stages ?? [];
        for (var i = 0; i < stages.Count && i < agreed.Count; i++)
            if (stages[i].Rate != agreed[i].Rate) query.Add($"rate.{i}={Uri.EscapeDataString(Exact(stages[i].Rate.Value))}");
        return query.Count == 0 ? "/plan" : "/plan?" + string.Join("&", query);
    }

    private static string Exact(Fraction value) => value.Denominator.IsOne
        ? value.Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{value.Numerator.ToString(CultureInfo.InvariantCulture)}/{value.Denominator.ToString(CultureInfo.InvariantCulture)}";
}
