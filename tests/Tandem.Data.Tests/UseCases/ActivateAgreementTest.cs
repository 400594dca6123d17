using NodaTime;
using NodaTime.Testing;
using Tandem.Data.Store;
using Tandem.Data.Tests.Import;
using Tandem.Data.UseCases;
using Tandem.Domain.Agreements;

namespace Tandem.Data.Tests.UseCases;

/// <summary>Activating an agreement through the use case both front ends call: the version in force at the injected clock's now, or each refusal as a typed field problem with nothing changed.</summary>
public class ActivateAgreementTest
{
    private const string Text = """
        schemaVersion: 1
        name: SLA
        period: 2026-11
        quota: 100000
        dealSize: 5000
        closeRate: 20%
        calendar:
          timeZone: UTC
        sales:
          speed: { firstTouchWithin: 30 minutes, clock: wall }
        """;

    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 12, 0);

    private static async Task<(ImportFixture Fixture, long First, long Second)> TwoVersionsAsync(DatabaseKind kind)
    {
        var fixture = await ImportFixture.CreateAsync(kind);
        await using var connection = await fixture.Database.OpenAsync();
        var first = await AgreementStore.SaveAsync(connection, "SLA", "2026-11", Text, Now.ToUnixTimeMilliseconds() - 1000);
        var second = await AgreementStore.AddAsync(connection, null, "SLA", "2026-11", Text.Replace("quota: 100000", "quota: 120000", StringComparison.Ordinal), "more", first, "ann", Now.ToUnixTimeMilliseconds() - 500);
        return (fixture, first, second);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task ADraftWithoutSignatories_IsActivatedAtTheClocksNow_AndTheVersionBeforeItSuperseded(DatabaseKind kind)
    {
        var (fixture, first, second) = await TwoVersionsAsync(kind);
        await using var _ = fixture;
        await using var connection = await fixture.Database.OpenAsync();

        var result = await ActivateAgreement.RunAsync(connection, new AgreementActivation(second, "2026-11", null), new FakeClock(Now));

        Assert.Empty(result.Problems);
        Assert.Equal((second, Now.ToUnixTimeMilliseconds()), (result.Active!.Id, result.Active.ActivatedAt));
        Assert.Equal(second, (await AgreementStore.ActiveAsync(connection))!.Id);
        Assert.Equal(AgreementStatus.Superseded, (await AgreementStore.RequireAsync(connection, first)).Status);
    }

    public static TheoryData<DatabaseKind, string, string?, string?, string, string> Refusals()
    {
        var data = new TheoryData<DatabaseKind, string, string?, string?, string, string>();
        foreach (var kind in new[] { DatabaseKind.Sqlite, DatabaseKind.Postgres })
        {
            // which version (the active one, the draft, none), from, until: the field at fault and why
            data.Add(kind, "draft", "2026-13", null, "from", "month 13 is not 01-12");
            data.Add(kind, "draft", "2026-11", "2026-01", "until", "2026-01 must be a month no earlier than 2026-11");
            data.Add(kind, "active", null, null, "version", "is already active");
            data.Add(kind, "none", null, null, "version", "does not exist");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task EachRefusal_NamesItsField_AndChangesNothing(DatabaseKind kind, string which, string? from, string? until, string field, string why)
    {
        var (fixture, first, second) = await TwoVersionsAsync(kind);
        await using var _ = fixture;
        await using var connection = await fixture.Database.OpenAsync();
        var version = which switch { "active" => first, "draft" => second, _ => 999 };

        var result = await ActivateAgreement.RunAsync(connection, new AgreementActivation(version, from, until), new FakeClock(Now));

        Assert.Null(result.Active);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(field, problem.Field);
        Assert.Contains(why, problem.Reason, StringComparison.Ordinal);
        Assert.Equal(first, (await AgreementStore.ActiveAsync(connection))!.Id);
    }
}
