using System.Data.Common;
using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Domain.Agreements;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;

namespace Tandem.Data.Store;

/// <summary>
/// Revisions of a stored version: a recalibration's proposal or an edit on the web becomes a new
/// draft based on the version it revises, written out whole by <see cref="AgreementFileWriter"/>
/// and read back by <see cref="AgreementFile"/> before it is stored, so a draft always reads.
/// </summary>
public static class AgreementRevisions
{
    /// <summary>
    /// Stores <paramref name="revised"/> as a draft revising <paramref name="basedOn"/>, in one
    /// statement (nothing half-written).
    /// </summary>
    /// <exception cref="InvalidInputException">The revision changes nothing, is the latest version's text already, or does not read back as an agreement file.</exception>
    public static async Task<StoredAgreement> DraftAsync(DbConnection connection, StoredAgreement basedOn, Agreement revised, string note, string by, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(basedOn);
        ArgumentNullException.ThrowIfNull(revised);
        var text = AgreementFileWriter.Write(revised);
        try
        {
            AgreementFile.Parse(text, "the revision");
        }
        catch (AgreementFileException e)
        {
            throw new InvalidInputException(e.Errors[0].Field, e.Errors[0].Reason);
        }
        if (text == AgreementFileWriter.Write(AgreementLifecycle.Parse(basedOn)))
            throw new InvalidInputException("revision", $"changes nothing in #{basedOn.Id}; no draft stored");
        if (await AgreementStore.LatestAsync(connection, cancel).ConfigureAwait(false) is { } latest && latest.Content == text)
            throw new InvalidInputException("revision", $"is already stored as #{latest.Id} ({AgreementStatuses.Word(latest.Status)}); no draft stored");
        return await AgreementLifecycle.DraftAsync(connection, revised, basedOn.Id, note, by, now, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// The agreement with the proposal's plan: its funnel rates and deal size, exactly as measured
    /// (fractions, written as percentages when exact and as ratios otherwise); everything else as it was.
    /// </summary>
    /// <exception cref="InvalidInputException">The proposal could not be planned (its notes say why).</exception>
    public static Agreement Recalibrated(Agreement agreement, RecalibrationResult proposal)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(proposal);
        if (proposal.NewPlan is not { } plan)
            throw new InvalidInputException("recalibration", $"the proposal has no plan to draft ({string.Join("; ", proposal.Notes)})");
        return agreement.Revise(plan: plan.Input);
    }

    /// <summary>The note a recalibration draft carries.</summary>
    public static string RecalibrationNote(Tandem.Domain.Periods.Period period, RecalibrationResult proposal, string? note)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var what = $"recalibration for {period} (window {proposal.Window.From} to {proposal.Window.To}, cycle {proposal.CyclePeriods})";
        return string.IsNullOrWhiteSpace(note) ? what : $"{what}: {note.Trim()}";
    }
}
