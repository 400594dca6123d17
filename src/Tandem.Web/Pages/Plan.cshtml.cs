using Microsoft.AspNetCore.Mvc;
using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;
using Tandem.Reports;

namespace Tandem.Web.Pages;

/// <summary>
/// Plan: the agreement's plan inputs, editable as a what-if. The leads needed are computed again on
/// the server with the exact arithmetic of <c>tandem plan</c> as the user types (the page script
/// fetches the page with the form's values), and each funnel rate is ranked by how much raising it
/// would lower the goal. Nothing here changes the agreement.
/// </summary>
public sealed class PlanModel(PageData data) : TandemPage(data)
{
    /// <summary>The steps the levers may be computed with, in percentage points.</summary>
    public static IReadOnlyList<int> Steps { get; } = [1, 2, 5, 10];

    /// <summary>Percentage points each rate is raised by for the levers (?step=, one of <see cref="Steps"/>).</summary>
    public int Step { get; private set; } = 1;

    /// <summary>The form as typed, or null without an agreement.</summary>
    public PlanForm? Form { get; private set; }

    /// <summary>The agreement's plan.</summary>
    public MarketingPlan? Agreed { get; private set; }

    /// <summary>The plan with the inputs as typed, or null when they cannot be used.</summary>
    public MarketingPlan? WhatIf { get; private set; }

    /// <summary>The funnel rates, the one that lowers the goal most first.</summary>
    public IReadOnlyList<RateLever> Levers { get; private set; } = [];

    /// <summary>Sales capacity against the plan as typed (null when the agreement has no capacity section).</summary>
    public Tandem.Data.Analytics.CapacityReport? Capacity { get; private set; }

    /// <summary>Why capacity could not be worked out, or null.</summary>
    public string? CapacityProblem { get; private set; }

    /// <summary>Reads the agreement and computes the plan as typed.</summary>
    public async Task OnGetAsync(CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (!Resolve(scope)) return;
        if (int.TryParse(Request.Query["step"], out var step) && Steps.Contains(step)) Step = step;
        Agreed = PlanCalculator.Compute(Agreement!.Plan);
        Form = PlanForm.Read(Agreement.Plan, Request.Query);
        if (Form.Input is null) return;
        try
        {
            WhatIf = PlanCalculator.Compute(Form.Input);
            Levers = PlanSensitivity.Of(Form.Input, new Fraction(Step, 100));
            try
            {
                Capacity = await Tandem.Data.Analytics.CapacityQuery.RunAsync(scope.Connection, Agreement, Form.Input, Period, Now, cancel).ConfigureAwait(false);
            }
            catch (InvalidInputException e) when (e.Field == "capacity")
            {
                CapacityProblem = e.Reason;
            }
        }
        catch (InvalidInputException e)
        {
            WhatIf = null;
            Levers = [];
            Problem = PlanProblemWords.Of(e);
        }
    }

    /// <summary>
    /// Saves the what-if as a draft revision of the active agreement (managers): the posted inputs
    /// are read again by <see cref="PlanForm"/> over the stored active version's plan, so untouched
    /// fields keep their exact values, and the draft is based on that version.
    /// </summary>
    public async Task<IActionResult> OnPostDraftAsync(CancellationToken cancel)
    {
        if (!CanManage) return Forbid();
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (!Resolve(scope)) return Page();
        var active = await Tandem.Data.Store.AgreementStore.ActiveAsync(scope.Connection, cancel).ConfigureAwait(false);
        if (active is null)
        {
            Problem = "No draft stored: no agreement is active to revise.";
            return Page();
        }
        Domain.Agreements.Agreement terms;
        try
        {
            terms = Tandem.Data.Store.AgreementLifecycle.Parse(active);
        }
        catch (Tandem.Data.Agreements.AgreementFileException)
        {
            Problem = $"No draft stored: version #{active.Id} was written by a newer Tandem; this one cannot revise it.";
            return Page();
        }
        var posted = new Microsoft.AspNetCore.Http.QueryCollection(Request.Form.Where(f => f.Key is not ("__RequestVerificationToken" or "note")).ToDictionary(f => f.Key, f => f.Value));
        Agreed = PlanCalculator.Compute(terms.Plan);
        Form = PlanForm.Read(terms.Plan, posted);
        if (Form.Input is null)
        {
            Problem = "No draft stored: fix the inputs marked in red first.";
            return Page();
        }
        try
        {
            WhatIf = PlanCalculator.Compute(Form.Input);
            var note = Request.Form["note"].ToString();
            var draft = await Tandem.Data.Store.AgreementRevisions.DraftAsync(scope.Connection, active, terms.Revise(plan: Form.Input),
                string.IsNullOrWhiteSpace(note) ? "plan what-if saved on the web" : $"plan what-if saved on the web: {note.Trim()}", $"web:{User.Identity!.Name}", scope.Now, cancel).ConfigureAwait(false);
            TempData["Message"] = $"Drafted #{draft.Id} from the plan's what-if, based on #{active.Id}: {Figures.Count(WhatIf.Total.LeadsNeeded)} leads needed. Propose it for signing when it is right.";
            return Redirect($"/agreement?version={draft.Id}&from={active.Id}&to={draft.Id}#difference");
        }
        catch (InvalidInputException e)
        {
            Problem = $"No draft stored: {e.Field}: {e.Reason}";
            return Page();
        }
    }

    /// <summary>"798 more than" / "165 fewer than" / "the same as", to go before "the agreement's".</summary>
    public static string Change(long now, long agreed) =>
        now == agreed ? "the same as" : $"{Figures.Count(Math.Abs(now - agreed))} {(now > agreed ? "more" : "fewer")} than";
}
