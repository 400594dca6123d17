using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Tandem.Data.Accounts;
using Tandem.Data.Agreements;
using Tandem.Data.Notifications;
using Tandem.Data.Store;
using Tandem.Data.UseCases;
using Tandem.Domain.Agreements;
using Tandem.Domain.Numbers;
using Tandem.Reports;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Web.Pages;

/// <summary>One version in the history: its text's agreement (null when a newer Tandem wrote it), the signatures that count, who has yet to sign.</summary>
public sealed record VersionRow(StoredAgreement Version, Domain.Agreements.Agreement? Terms, IReadOnlyList<Signature> Valid, IReadOnlyList<Signatory> Missing)
{
    /// <summary>The periods it is active for, if it was activated.</summary>
    public string? ActiveFor => AgreementPrint.ActiveFor(Version);

    /// <summary>draft, proposed, signed, active or superseded.</summary>
    public string Status => AgreementStatuses.Word(Version.Status);

    /// <summary>Whether some signature on it was given under an older rule than <see cref="Domain.Planning.RoundOnce.Rule"/>: its signatories saw goals rounded cell by cell.</summary>
    public bool SignedBeforeRoundOnce => Valid.Any(s => s.PlanRule < Domain.Planning.RoundOnce.Rule);
}

/// <summary>
/// The agreement: a version in plain language (the active one unless another is asked for), the
/// history of versions with their status, periods and signatures, the difference between any two,
/// the printable page and the PDF; and the lifecycle's steps: managers propose a draft and activate
/// a signed version; a signed-in user signs as the signatory whose e-mail is their account's.
/// Every step is <see cref="AgreementLifecycle"/>'s, which checks the version's status in the
/// statement that changes it, so two people acting at once cannot both succeed.
/// </summary>
public sealed class AgreementModel(PageData data) : TandemPage(data)
{
    /// <summary>Every version, newest first.</summary>
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];

    /// <summary>The version shown.</summary>
    public VersionRow? Shown { get; private set; }

    /// <summary>The shown version as the printed document (HTML, every text encoded by <see cref="AgreementHtml"/>).</summary>
    public string? DocumentHtml { get; private set; }

    /// <summary>The active version's next review, when the shown version is the active one.</summary>
    public LocalDate? NextReview { get; private set; }

    /// <summary>The difference asked for (?from=&amp;to=), or null.</summary>
    public AgreementDiff? Diff { get; private set; }

    /// <summary>The two versions compared.</summary>
    public (long From, long To) Compared { get; private set; }

    /// <summary>The signed-in user's account e-mail, or null.</summary>
    public string? UserEmail { get; private set; }

    /// <summary>The signatories of the shown (proposed) version the user may sign as: their e-mail is the user's, and they have not signed.</summary>
    public IReadOnlyList<Signatory> SignAs { get; private set; } = [];

    /// <summary>What the last action did, or why it was refused.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Shows version <paramref name="version"/> (default: the active one, else the latest) and the difference <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task OnGetAsync(long? version, long? from, long? to, CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        await ReadAsync(scope, version, cancel).ConfigureAwait(false);
        if (from is null && to is null) return;
        if (from is not { } a || to is not { } b)
        {
            Problem = "Difference: choose both versions to compare.";
            return;
        }
        var before = Versions.FirstOrDefault(v => v.Version.Id == a);
        var after = Versions.FirstOrDefault(v => v.Version.Id == b);
        if (before?.Terms is null || after?.Terms is null)
        {
            Problem = $"Difference: version #{(before?.Terms is null ? a : b)} does not exist (or this Tandem cannot read it); the history lists the versions.";
            return;
        }
        Diff = AgreementDiff.Compare(before.Terms, after.Terms);
        Compared = (a, b);
    }

    /// <summary>The shown version as a standalone page with the print style (the PDF's own), to print from the browser.</summary>
    public async Task<IActionResult> OnGetPrintAsync(long? version, CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        await ReadAsync(scope, version, cancel).ConfigureAwait(false);
        if (Shown?.Terms is not { } terms) return NotFound();
        var facts = await AgreementPrint.FactsAsync(scope.Connection, Shown.Version, terms, cancel).ConfigureAwait(false);
        return Content(AgreementHtml.LinkedPage(AgreementDocument.Build(terms), facts, AssetsApi.Url(AssetsApi.PrintStyle)), "text/html; charset=utf-8");
    }

    /// <summary>The shown version as a PDF, printed by headless Chromium from the same page.</summary>
    public async Task<IActionResult> OnGetPdfAsync(long? version, CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        await ReadAsync(scope, version, cancel).ConfigureAwait(false);
        if (Shown?.Terms is not { } terms) return NotFound();
        var facts = await AgreementPrint.FactsAsync(scope.Connection, Shown.Version, terms, cancel).ConfigureAwait(false);
        try
        {
            var pdf = await ChromiumPdf.PrintAsync(AgreementHtml.Page(AgreementDocument.Build(terms), facts), Data.Chromium, cancel).ConfigureAwait(false);
            return File(pdf, "application/pdf", $"agreement-{Shown.Version.Id}.pdf");
        }
        catch (PdfUnavailableException e)
        {
            Message = $"No PDF: {e.Message}.";
            return Redirect($"/agreement?version={Shown.Version.Id}");
        }
    }

    /// <summary>Puts a draft to its signatories (managers).</summary>
    public async Task<IActionResult> OnPostProposeAsync(long version, CancellationToken cancel)
    {
        if (!CanManage) return Forbid();
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        try
        {
            var proposed = await AgreementLifecycle.ProposeAsync(scope.Connection, version, scope.Now, cancel).ConfigureAwait(false);
            var missing = Signing.Missing(AgreementLifecycle.Parse(proposed), proposed.Content, []);
            Message = missing.Count == 0
                ? $"Proposed #{version}. It names no signatories, so it can be activated now."
                : $"Proposed #{version} for signing by {string.Join(", ", missing.Select(m => m.Name))}. Each signs here, signed in with the e-mail the agreement gives them.";
        }
        catch (InvalidInputException e)
        {
            Message = $"Not proposed: {e.Reason}.";
        }
        return Redirect($"/agreement?version={version}");
    }

    /// <summary>Signs the proposed version as <paramref name="signatory"/>, who must have the signed-in user's e-mail.</summary>
    public async Task<IActionResult> OnPostSignAsync(long version, string? signatory, CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        var user = await UserStore.FindAsync(scope.Connection, User.Identity!.Name!, cancel).ConfigureAwait(false);
        try
        {
            var stored = await AgreementStore.RequireAsync(scope.Connection, version, cancel).ConfigureAwait(false);
            var terms = AgreementLifecycle.Parse(stored);
            if (user?.Email is not { } email)
                throw new InvalidInputException("e-mail", "your account has no e-mail address, so it names no signatory; an admin adds it (tandem user email NAME ADDRESS)");
            var named = Signing.Named(terms, signatory ?? "")
                ?? throw new InvalidInputException("signatory", $"'{signatory}' is not one of #{version}'s signatories ({string.Join(", ", terms.Signatories.Select(s => s.Name))})");
            if (!string.Equals(named.Email, email, StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException("signatory", $"{named.Name}'s e-mail in the agreement is {named.Email ?? "not given"}, not yours ({email}); each signatory signs for themselves");
            var outcome = await AgreementLifecycle.SignAsync(scope.Connection, version, named.Name, $"web:{user.UserName}", scope.Now, cancel).ConfigureAwait(false);
            Message = $"{named.Name} signed #{version} for {Signatory.Word(named.Side)}, bound to its text (SHA-256 {outcome.Signature.ContentHash[..12]}...). " +
                (outcome.Missing.Count == 0 ? "Every signatory has signed: it can be activated." : $"Waiting for {string.Join(", ", outcome.Missing.Select(m => m.Name))}.");
        }
        catch (InvalidInputException e)
        {
            Message = $"Not signed: {e.Reason}.";
        }
        catch (AgreementFileException e)
        {
            Message = $"Not signed: {e.Message}.";
        }
        return Redirect($"/agreement?version={version}");
    }

    /// <summary>Puts a signed version in force (managers), for the periods from <paramref name="from"/> to <paramref name="until"/> when given.</summary>
    public async Task<IActionResult> OnPostActivateAsync(long version, string? from, string? until, CancellationToken cancel)
    {
        if (!CanManage) return Forbid();
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        var result = await ActivateAgreement.RunAsync(scope.Connection, new AgreementActivation(version, from, until), Data.Clock, cancel).ConfigureAwait(false);
        Message = result.Active is { } active
            ? $"#{version} is the active agreement, for {AgreementPrint.ActiveFor(active)}: the clocks run on it from now. The server re-clocks the leads in the background; this page shows how far it has come."
            : "Not activated: " + string.Join(" ", result.Problems.Select(p => $"{char.ToUpperInvariant(p.Field[0])}{p.Field[1..]}: {p.Reason}."));
        return Redirect($"/agreement?version={version}");
    }

    /// <summary>How far the clocks and report facts are being derived again (after an activation, by the server's monitor), while they are.</summary>
    public Tandem.Data.Projection.ProjectionProgress? Reclocking { get; private set; }

    private async Task ReadAsync(PageScope scope, long? version, CancellationToken cancel)
    {
        Resolve(scope);
        Problem = null;
        Reclocking = await Tandem.Data.Projection.Projector.InProgressAsync(scope.Connection, cancel).ConfigureAwait(false);
        var rows = new List<VersionRow>();
        foreach (var stored in await AgreementStore.ListAsync(scope.Connection, cancel).ConfigureAwait(false))
        {
            Domain.Agreements.Agreement? terms;
            try
            {
                terms = AgreementLifecycle.Parse(stored);
            }
            catch (AgreementFileException)
            {
                terms = null; // written by a newer Tandem: listed, not judged
            }
            var signatures = await AgreementStore.SignaturesAsync(scope.Connection, stored.Id, cancel).ConfigureAwait(false);
            rows.Add(new VersionRow(stored, terms, terms is null ? [] : Signing.Valid(terms, stored.Content, signatures), terms is null ? [] : Signing.Missing(terms, stored.Content, signatures)));
        }
        Versions = rows;
        if (rows.Count == 0)
        {
            Problem = "No agreement is stored yet: import one (tandem agreement import FILE) and it appears here.";
            return;
        }
        Shown = version is { } id
            ? rows.FirstOrDefault(r => r.Version.Id == id)
            : rows.FirstOrDefault(r => r.Version.Status == AgreementStatus.Active) ?? rows[0];
        if (Shown is null)
        {
            Problem = $"Version #{version} does not exist; the history lists the versions.";
            return;
        }
        if (Shown.Terms is not { } shownTerms)
        {
            Problem = $"Version #{Shown.Version.Id} was written by a newer Tandem; this one cannot read it.";
            return;
        }
        var facts = await AgreementPrint.FactsAsync(scope.Connection, Shown.Version, shownTerms, cancel).ConfigureAwait(false);
        DocumentHtml = AgreementHtml.Fragment(AgreementDocument.Build(shownTerms), facts, 2);
        NextReview = ReviewReminders.Next(Shown.Version, shownTerms, scope.Now);
        UserEmail = (await UserStore.FindAsync(scope.Connection, User.Identity?.Name ?? "", cancel).ConfigureAwait(false))?.Email;
        if (Shown.Version.Status == AgreementStatus.Proposed && UserEmail is { } mine)
            SignAs = [.. Shown.Missing.Where(s => string.Equals(s.Email, mine, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>A stored time (Unix ms) in the agreement's zone, to the minute.</summary>
    public string At(long? ms) => ms is { } v ? Local(Instant.FromUnixTimeMilliseconds(v)) : "-";

    /// <summary>A date as the pages write it.</summary>
    public static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
