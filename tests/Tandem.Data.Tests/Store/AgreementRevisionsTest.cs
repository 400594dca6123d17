using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Tests.Store;

/// <summary>Revisions become drafts only when they change something, read back, and have a plan.</summary>
public class AgreementRevisionsTest
{
    private const string Text = "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 500000\ndealSize: 2000\ncloseRate: 20%\n";

    [Fact]
    public void Recalibrated_WithoutAPlan_SaysWhy()
    {
        var agreement = AgreementFile.Parse(Text, "t");
        var proposal = new RecalibrationResult(RecalibrationWindow.For(Period.Month(2026, 12), 6, 0), 0, false, [], new PooledInputs(SheetFigures.Empty), [],
            null, null, [], ["no plan: quota: is zero"]);
        var e = Assert.Throws<InvalidInputException>(() => AgreementRevisions.Recalibrated(agreement, proposal));
        Assert.Equal(("recalibration", "the proposal has no plan to draft (no plan: quota: is zero)"), (e.Field, e.Reason));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Draft_IsBasedOnTheVersionRevised_AndRefusedWhenItChangesNothing(DatabaseKind kind)
    {
        await using var database = await TestDatabases.OpenAsync(kind);
        await using var connection = await database.OpenAsync();
        await AgreementStore.SaveAsync(connection, "SLA", "2026-11", Text, 1);
        var active = (await AgreementStore.ActiveAsync(connection))!;
        var terms = AgreementLifecycle.Parse(active);
        var now = Instant.FromUtc(2026, 12, 1, 9, 0);

        var same = await Assert.ThrowsAsync<InvalidInputException>(() => AgreementRevisions.DraftAsync(connection, active, terms, "n", "test", now));
        Assert.Equal("changes nothing in #1; no draft stored", same.Reason);

        var draft = await AgreementRevisions.DraftAsync(connection, active, terms.Revise(tolerance: Tandem.Domain.Pacing.Tolerance.Of(Share.Parse("5%", "t"))), "tighter", "test", now);
        Assert.Equal((2L, (long?)1, "tighter", Tandem.Domain.Agreements.AgreementStatus.Draft), (draft.Id, draft.BasedOn, draft.Note, draft.Status));
        Assert.Contains("tolerance: 5%", draft.Content, StringComparison.Ordinal);
        Assert.Equal(1, (await AgreementStore.ActiveAsync(connection))!.Id);
    }
}
