namespace Tandem.Domain.Agreements;

/// <summary>
/// Where a version of the agreement stands: drafted, proposed for signing, signed by every
/// named signatory, active (in force), or superseded by a later active version.
/// </summary>
public enum AgreementStatus
{
    /// <summary>Being written; any change makes a new draft.</summary>
    Draft,

    /// <summary>Put to the signatories; its content is what they sign.</summary>
    Proposed,

    /// <summary>Every named signatory has signed this exact content.</summary>
#pragma warning disable CA1720 // "signed" is the lifecycle's word here, not a type name
    Signed,
#pragma warning restore CA1720

    /// <summary>In force: the clocks, goals and pages run on it.</summary>
    Active,

    /// <summary>Was active; a later version took over.</summary>
    Superseded,
}

/// <summary>The words statuses are stored and shown as.</summary>
public static class AgreementStatuses
{
    /// <summary>draft, proposed, signed, active or superseded.</summary>
    public static string Word(AgreementStatus status) => status switch
    {
        AgreementStatus.Draft => "draft",
        AgreementStatus.Proposed => "proposed",
        AgreementStatus.Signed => "signed",
        AgreementStatus.Active => "active",
        _ => "superseded",
    };

    /// <summary>The status a stored word names.</summary>
    /// <exception cref="ArgumentException">Not a status.</exception>
    public static AgreementStatus Parse(string word) => word switch
    {
        "draft" => AgreementStatus.Draft,
        "proposed" => AgreementStatus.Proposed,
        "signed" => AgreementStatus.Signed,
        "active" => AgreementStatus.Active,
        "superseded" => AgreementStatus.Superseded,
        _ => throw new ArgumentException($"'{word}' is not an agreement status", nameof(word)),
    };
}
