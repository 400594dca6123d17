using FsCheck;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Tandem.Domain.Planning;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Domain.Tests.Agreements;

/// <summary>Signatures bind to the exact text; only named signatories of a proposed version sign, once each.</summary>
public sealed class SigningTest
{
    private static readonly Agreement Sla = new("SLA", Period.Month(2026, 11), "USD",
        new PlanInput(Fraction.FromInteger(500_000), dealSize: Fraction.FromInteger(2_000), funnel: Funnel.SingleStep(Rate.From(new Fraction(1, 5), "rate"))),
        Tolerance.Default, PacingBasis.CalendarDays, 0, BusinessCalendar.Standard(DateTimeZone.Utc), SalesCommitments.Default)
    {
        Signatories = [new Signatory("Dana Lee", Side.Marketing), new Signatory("Sam Ortiz", Side.Sales)],
    };

    private static Signature By(string name, Side side, string text) => new(name, side, Instant.FromUtc(2026, 11, 25, 12, 0), Signing.Hash(text), "test");

    [Fact]
    public void Hash_IsTheSha256OfTheUtf8Text()
    {
        // The well-known SHA-256 of "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Signing.Hash("abc"));
        Assert.NotEqual(Signing.Hash("quota: 500000\n"), Signing.Hash("quota: 500000\r\n"));
    }

    [Fact]
    public void Missing_CountsOnlyNamedSignatories_OnTheirOwnSide_OnThisText()
    {
        const string text = "the text";
        Assert.Equal(["Dana Lee", "Sam Ortiz"], Signing.Missing(Sla, text, []).Select(s => s.Name));
        Assert.Equal(["Sam Ortiz"], Signing.Missing(Sla, text, [By("dana lee", Side.Marketing, text)]).Select(s => s.Name));
        // Signed for the wrong side, by a stranger, or on other text: none counts.
        Assert.Equal(2, Signing.Missing(Sla, text, [By("Dana Lee", Side.Sales, text), By("Eve", Side.Sales, text), By("Sam Ortiz", Side.Sales, "other text")]).Count);
        Assert.Empty(Signing.Missing(Sla, text, [By("Dana Lee", Side.Marketing, text), By("Sam Ortiz", Side.Sales, text)]));
    }

    [Property(MaxTest = 200)]
    public void AnyChangeToTheText_UndoesEverySignature(NonEmptyString original, NonEmptyString edit)
    {
        var text = original.Get;
        var changed = text + edit.Get;
        var signatures = new[] { By("Dana Lee", Side.Marketing, text), By("Sam Ortiz", Side.Sales, text) };
        Assert.Empty(Signing.Missing(Sla, text, signatures));
        Assert.Equal(2, Signing.Missing(Sla, changed, signatures).Count);
        Assert.Empty(Signing.Valid(Sla, changed, signatures));
    }

    [Theory]
    [InlineData(AgreementStatus.Draft, "Dana Lee", "#4 is a draft; propose it first")]
    [InlineData(AgreementStatus.Signed, "Dana Lee", "#4 is signed; only a proposed version is signed")]
    [InlineData(AgreementStatus.Active, "Dana Lee", "#4 is active; only a proposed version is signed")]
    [InlineData(AgreementStatus.Proposed, "Eve", "'Eve' is not one of the agreement's signatories (Dana Lee, Sam Ortiz)")]
    [InlineData(AgreementStatus.Proposed, "Sam Ortiz", "Sam Ortiz has signed this version already")]
    public void CheckCanSign_RefusesWithAReason(AgreementStatus status, string name, string reason)
    {
        var e = Assert.Throws<InvalidInputException>(() => Signing.CheckCanSign(Sla, "#4", status, "t", [By("Sam Ortiz", Side.Sales, "t")], name));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Equal(new Signatory("Dana Lee", Side.Marketing), Signing.CheckCanSign(Sla, "#4", AgreementStatus.Proposed, "t", [By("Sam Ortiz", Side.Sales, "t")], " dana LEE "));
    }

    [Fact]
    public void CheckCanSign_RefusesAnAgreementWithoutSignatories()
    {
        var plain = new Agreement("SLA", Period.Month(2026, 11), "USD", Sla.Plan, Tolerance.Default, PacingBasis.CalendarDays, 0, Sla.Calendar, Sla.Sales);
        Assert.Equal("signatories", Assert.Throws<InvalidInputException>(() => Signing.CheckCanSign(plain, "#1", AgreementStatus.Proposed, "t", [], "Dana Lee")).Field);
    }

    [Fact]
    public void Statuses_ReadBackTheirWords()
    {
        foreach (var status in Enum.GetValues<AgreementStatus>()) Assert.Equal(status, AgreementStatuses.Parse(AgreementStatuses.Word(status)));
        Assert.Throws<ArgumentException>(() => AgreementStatuses.Parse("withdrawn"));
    }
}
