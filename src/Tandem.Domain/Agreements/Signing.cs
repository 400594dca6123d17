using System.Security.Cryptography;
using System.Text;
using NodaTime;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Agreements;

/// <summary>
/// One signatory's signature on one version: who, for which side, when, and the SHA-256 of the
/// exact text they signed. A signature whose hash is not the version's text's does not count.
/// </summary>
/// <param name="Name">The signatory's name as the agreement spells it.</param>
/// <param name="Side">The team they signed for.</param>
/// <param name="SignedAt">When.</param>
/// <param name="ContentHash">SHA-256 (hex, lower case) of the text signed.</param>
/// <param name="By">The account or operator that recorded it.</param>
/// <param name="PlanRule">The rule the goals were worked out with when it was given (<see cref="Planning.RoundOnce.Rule"/>; 1 before it).</param>
public sealed record Signature(string Name, Side Side, Instant SignedAt, string ContentHash, string By, int PlanRule = Planning.RoundOnce.Rule);

/// <summary>The rules of signing: what a signature is bound to, who may sign, and who still has to.</summary>
public static class Signing
{
    /// <summary>SHA-256 of the agreement text, as lower-case hex: what a signature binds to.</summary>
    public static string Hash(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    /// <summary>The signatures that count for this text: by a named signatory, bound to exactly this content.</summary>
    public static IReadOnlyList<Signature> Valid(Agreement agreement, string content, IEnumerable<Signature> signatures)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(signatures);
        var hash = Hash(content);
        return [.. signatures.Where(s => s.ContentHash == hash && Named(agreement, s.Name) is { } named && named.Side == s.Side)];
    }

    /// <summary>The named signatories who have not signed this exact text yet, in the agreement's order.</summary>
    public static IReadOnlyList<Signatory> Missing(Agreement agreement, string content, IEnumerable<Signature> signatures)
    {
        var valid = Valid(agreement, content, signatures);
        return [.. agreement.Signatories.Where(p => !valid.Any(s => string.Equals(s.Name, p.Name, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>The signatory called <paramref name="name"/> (ignoring case and surrounding spaces), or null.</summary>
    public static Signatory? Named(Agreement agreement, string name)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return agreement.Signatories.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Checks that <paramref name="name"/> may sign a version in <paramref name="status"/> and
    /// returns the signatory: only a proposed version is signed, by one of its named signatories, once.
    /// <paramref name="version"/> names the version in errors (#3).
    /// </summary>
    /// <exception cref="InvalidInputException">The version is not proposed, the name is not a signatory, or they signed already.</exception>
    public static Signatory CheckCanSign(Agreement agreement, string version, AgreementStatus status, string content, IEnumerable<Signature> signatures, string name)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        if (status != AgreementStatus.Proposed)
            throw new InvalidInputException("version", status == AgreementStatus.Draft
                ? $"{version} is a draft; propose it first, so everyone signs the same text"
                : $"{version} is {AgreementStatuses.Word(status)}; only a proposed version is signed");
        if (agreement.Signatories.Count == 0) throw new InvalidInputException("signatories", "the agreement names none; it takes effect without signatures");
        var signatory = Named(agreement, name)
            ?? throw new InvalidInputException("signatory", $"'{name}' is not one of the agreement's signatories ({string.Join(", ", agreement.Signatories.Select(s => s.Name))})");
        if (Valid(agreement, content, signatures).Any(s => string.Equals(s.Name, signatory.Name, StringComparison.OrdinalIgnoreCase)))
            throw new InvalidInputException("signatory", $"{signatory.Name} has signed this version already");
        return signatory;
    }
}
