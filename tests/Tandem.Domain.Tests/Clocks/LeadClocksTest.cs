using NodaTime;
using NodaTime.Text;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Clocks;
using Tandem.Domain.Leads;

namespace Tandem.Domain.Tests.Clocks;

public class LeadClocksTest
{
    private static readonly BusinessCalendar Utc = BusinessCalendar.Standard(DateTimeZone.Utc);
    private static readonly BusinessCalendar Tokyo = BusinessCalendar.Standard(DateTimeZoneProviders.Tzdb["Asia/Tokyo"]);

    private static Instant At(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow().ToInstant();

    private static StageChange Stage(string stage, string at, string? rep = null) => new("default", "L1", stage, At(at), rep);

    private static Touch Touch(string at, TouchOutcome outcome = TouchOutcome.NoAnswer) => new("default", Guid.NewGuid().ToString(), "L1", "ann", TouchChannel.Call, At(at), outcome);

    private static IReadOnlyList<LeadClock> Build(SalesCommitments sales, string? owner, StageChange[] stages, params Touch[] touches) =>
        LeadClocks.Build(new LeadFacts(stages, touches, owner, "SMB", "Ebook", null), sales, rep => rep == "kenji" ? Tokyo : Utc);

    [Fact]
    public void Handoff_TheStageChangesRep_ElseTheOwner_ElseTheFirstRepNamedLater()
    {
        var withRep = Build(SalesCommitments.Default, "owner", [Stage("Lead", "2026-11-23T08:00:00Z"), Stage("MQL", "2026-11-23T10:00:00Z", "ann")]);
        Assert.Equal(("ann", At("2026-11-23T10:00:00Z")), (withRep.Single().Rep, withRep.Single().HandedOffAt));

        var owner = Build(SalesCommitments.Default, "bob", [Stage("marketing qualified lead", "2026-11-23T10:00:00Z")]);
        Assert.Equal("bob", owner.Single().Rep);

        var later = Build(SalesCommitments.Default, null, [Stage("MQL", "2026-11-23T10:00:00Z"), Stage("SAL", "2026-11-23T12:00:00Z", "cy")]);
        Assert.Equal(("cy", At("2026-11-23T12:00:00Z")), (later.Single().Rep, later.Single().HandedOffAt));

        Assert.Empty(Build(SalesCommitments.Default, null, [Stage("MQL", "2026-11-23T10:00:00Z")]));
        Assert.Empty(Build(SalesCommitments.Default, "ann", [Stage("Lead", "2026-11-23T10:00:00Z")]));
    }

    [Fact]
    public void DisqualifiedThenBack_StopsTheClocks_AndStartsNewOnes()
    {
        var clocks = Build(SalesCommitments.Default, "ann",
            [Stage("MQL", "2026-11-23T10:00:00Z"), Stage("Disqualified", "2026-11-23T10:10:00Z"), Stage("MQL", "2026-11-24T10:00:00Z")],
            Touch("2026-11-24T10:05:00Z"));

        Assert.Equal(2, clocks.Count);
        Assert.Equal(ClockState.Stopped, clocks[0].Speed.Final!.State);
        Assert.Equal(ClockState.Stopped, clocks[0].Depth.Final!.State);
        Assert.Equal(2, clocks[1].Episode);
        Assert.Equal(ClockState.Met, clocks[1].Speed.Final!.State);
    }

    [Fact]
    public void Reassignment_KeepsTheClock_UnlessTheAgreementRestartsIt()
    {
        StageChange[] stages = [Stage("MQL", "2026-11-23T10:00:00Z", "ann"), Stage("SAL", "2026-11-23T10:20:00Z", "kenji")];

        var kept = Build(SalesCommitments.Default, "kenji", stages);
        Assert.Equal(("ann", At("2026-11-23T10:30:00Z")), (kept.Single().Rep, kept.Single().Speed.Due));

        var restarted = Build(SalesCommitments.Default with { ResetOnReassign = true }, "kenji", stages);
        Assert.Equal(2, restarted.Count);
        Assert.Equal(new ClockTransition(At("2026-11-23T10:20:00Z"), ClockState.Cancelled), restarted[0].Speed.Final);
        // The new clock runs on the new rep's calendar: 10:20 UTC is 19:20 in Tokyo, so due 09:30 there the next day.
        Assert.Equal(At("2026-11-24T09:30:00+09:00"), restarted[1].Speed.Due);
    }

    [Fact]
    public void TheFirstMatchingRuleApplies()
    {
        var sales = SalesCommitments.Default with
        {
            Rules = [new CommitmentRule("Ebooks", null, "ebook", null, new SpeedCommitment(5, ClockKind.Wall), null)],
        };
        var clock = Build(sales, "ann", [Stage("MQL", "2026-11-23T10:00:00Z")]).Single();
        Assert.Equal("Ebooks", clock.Rule);
        Assert.Equal(At("2026-11-23T10:05:00Z"), clock.Speed.Due);
        // Depth keeps the default: with no attempt, breached at the first step, 14 days on.
        Assert.Equal(new ClockTransition(At("2026-12-07T10:00:00Z"), ClockState.Breached, 1), clock.Depth.Final);
    }
}
