using NodaTime;
using Tandem.Data.Store;
using Tandem.Domain.Agreements;
using Tandem.Reports;

namespace Tandem.Cli.Output;

/// <summary>A signature as the agreement verbs print it; <c>valid</c> is false when it was given to other text than the version's.</summary>
public sealed record SignatureDocument(string Name, string Side, string SignedAt, string By, bool Valid);

/// <summary>One version as <c>tandem agreement history</c>, <c>propose</c> and <c>activate</c> print it (docs/cli.md).</summary>
public sealed record VersionDocument(
    long Id, string Name, string Period, string Status, string StoredAt, string? Note, long? BasedOn, string? CreatedBy,
    string? ProposedAt, string? ActivatedAt, string? SupersededAt, string? EffectiveFrom, string? EffectiveTo,
    string ContentHash, IReadOnlyList<SignatureDocument> Signatures, IReadOnlyList<string> Missing)
{
    /// <summary>The active version's next review date (yyyy-MM-dd, in the agreement's zone), every reviewEvery months from its activation; null for other versions.</summary>
    public string? NextReview { get; init; }

    /// <summary>The document of <paramref name="version"/>, times in <paramref name="zone"/>.</summary>
    public static VersionDocument Of(StoredAgreement version, Agreement? agreement, IReadOnlyList<Signature> signatures, DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(version);
        var valid = agreement is null ? [] : Signing.Valid(agreement, version.Content, signatures);
        var missing = agreement is null ? [] : Signing.Missing(agreement, version.Content, signatures).Select(s => s.Name).ToList();
        string? At(long? ms) => ms is { } v ? TimeOutput.Format(v, zone) : null;
        return new VersionDocument(version.Id, version.Name, version.Period, AgreementStatuses.Word(version.Status), TimeOutput.Format(version.StoredAt, zone),
            version.Note, version.BasedOn, version.CreatedBy, At(version.ProposedAt), At(version.ActivatedAt), At(version.SupersededAt),
            version.EffectiveFrom, version.EffectiveTo, version.Hash,
            [.. signatures.Select(s => new SignatureDocument(s.Name, Signatory.Word(s.Side), TimeOutput.Format(s.SignedAt, zone), s.By, valid.Contains(s)))],
            missing)
        {
            NextReview = agreement is null ? null : Data.Notifications.ReviewReminders.Next(version, agreement, now)?.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>What <c>tandem agreement diff --format json</c> prints.</summary>
public sealed record DiffDocument(long From, long To, bool Identical, IReadOnlyList<TermDocument> Terms, IReadOnlyList<LineDocument?> Lines)
{
    /// <summary>The document of <paramref name="diff"/>.</summary>
    public static DiffDocument Of(long from, long to, AgreementDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return new DiffDocument(from, to, diff.Identical,
            [.. diff.Terms.Select(t => new TermDocument(Word(t.Kind), t.Section, t.Key, t.Before, t.After))],
            [.. diff.Lines.Select(l => l is null ? null : new LineDocument(Word(l.Kind), l.Before, l.After, l.Text))]);
    }

    private static string Word(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Removed => "removed",
        ChangeKind.Changed => "changed",
        _ => "same",
    };
}

/// <summary>A term that changed.</summary>
public sealed record TermDocument(string Kind, string Section, string Key, string? Before, string? After);

/// <summary>A line of the file in the difference (null entries in the list mark skipped unchanged lines).</summary>
public sealed record LineDocument(string Kind, int? Before, int? After, string Text);
