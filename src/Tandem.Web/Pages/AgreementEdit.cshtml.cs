using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Agreements;
using Tandem.Data.Store;
using Tandem.Domain.Numbers;
using Tandem.Reports;

namespace Tandem.Web.Pages;

/// <summary>
/// Editing the calendar and commitments of a version (managers): the form is read field by field
/// with the agreement file's readers, and a form that reads is stored as a new draft based on the
/// version edited; the version itself never changes.
/// </summary>
public sealed class AgreementEditModel(PageData data) : TandemPage(data)
{
    /// <summary>The version edited.</summary>
    public StoredAgreement? Edited { get; private set; }

    /// <summary>The form.</summary>
    public AgreementEditForm? Form { get; private set; }

    /// <summary>Why the draft was not stored, or null.</summary>
    public string? Refused { get; private set; }

    /// <summary>The form over version <paramref name="version"/> (default: the active one).</summary>
    public async Task<IActionResult> OnGetAsync(long? version, CancellationToken cancel)
    {
        if (!CanManage) return Forbid();
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (await LoadAsync(scope, version, cancel).ConfigureAwait(false) is { } terms) Form = AgreementEditForm.Read(terms, null);
        return Page();
    }

    /// <summary>Stores the form as a draft based on <paramref name="version"/>, then shows it; or the form again with each field's problem.</summary>
    public async Task<IActionResult> OnPostAsync(long version, string? note, CancellationToken cancel)
    {
        if (!CanManage) return Forbid();
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (await LoadAsync(scope, version, cancel).ConfigureAwait(false) is not { } terms) return Page();
        Form = AgreementEditForm.Read(terms, Request.Form);
        if (Form.Revised is not { } revised) return Page();
        try
        {
            var why = string.IsNullOrWhiteSpace(note) ? "calendar and commitments edited on the web" : $"edited on the web: {note.Trim()}";
            var draft = await AgreementRevisions.DraftAsync(scope.Connection, Edited!, revised, why, $"web:{User.Identity!.Name}", scope.Now, cancel).ConfigureAwait(false);
            var diff = AgreementDiff.Compare(terms, AgreementLifecycle.Parse(draft));
            TempData["Message"] = $"Drafted #{draft.Id}, based on #{Edited!.Id}: {diff.Terms.Count} term{(diff.Terms.Count == 1 ? "" : "s")} changed. Propose it for signing when it is right.";
            return Redirect($"/agreement?version={draft.Id}&from={Edited.Id}&to={draft.Id}#difference");
        }
        catch (InvalidInputException e)
        {
            Refused = $"No draft stored: {e.Field}: {e.Reason}.";
            return Page();
        }
    }

    private async Task<Domain.Agreements.Agreement?> LoadAsync(PageScope scope, long? version, CancellationToken cancel)
    {
        Resolve(scope);
        Problem = null;
        Edited = version is { } id
            ? await AgreementStore.GetAsync(scope.Connection, id, cancel).ConfigureAwait(false)
            : await AgreementStore.ActiveAsync(scope.Connection, cancel).ConfigureAwait(false);
        if (Edited is null)
        {
            Problem = version is null ? "No agreement is active: choose a version to edit on the Agreement page." : $"Version #{version} does not exist; the Agreement page lists the versions.";
            return null;
        }
        try
        {
            return AgreementLifecycle.Parse(Edited);
        }
        catch (AgreementFileException)
        {
            Problem = $"Version #{Edited.Id} was written by a newer Tandem; this one cannot edit it.";
            return null;
        }
    }
}
