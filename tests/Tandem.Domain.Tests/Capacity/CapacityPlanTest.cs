using FsCheck;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Domain.Capacity;
using Tandem.Domain.Numbers;

namespace Tandem.Domain.Tests.Capacity;

public class CapacityPlanTest
{
    private static readonly LocalDate November = new(2026, 11, 1);

    private static CapacityRep Rep(string id, int hours = 40, string share = "50%", LocalDate? start = null, string? team = null) =>
        new(id, team, hours, Share.Parse(share, "share"), start);

    private static CapacityInput Input(IReadOnlyList<CapacityRep> reps, IReadOnlyList<CapacityDemand> demands, IReadOnlyList<CapacityPool>? pools = null, CapacitySettings? settings = null) =>
        new(November, 4, 10, 6, settings ?? new CapacitySettings(10), reps, demands, pools ?? [new CapacityPool("all reps", null, null)]);

    [Fact]
    public void FourRepsAtHalfTime_Work320Leads_And400NeedOneMoreRep()
    {
        // 40 h x 60 x 4 weeks x 50% = 4,800 minutes a rep, 19,200 in all; a lead takes 6 attempts x 10 minutes.
        var reps = new[] { Rep("a"), Rep("b"), Rep("c"), Rep("d") };

        var verdict = Assert.Single(CapacityPlan.Compute(Input(reps, [new CapacityDemand(null, null, 400, 6)])));

        Assert.Equal(19_200, verdict.MinutesAvailable);
        Assert.Equal(24_000, verdict.MinutesNeeded);
        Assert.Equal((320L, 80L, 1L), (verdict.LeadsWorkable, verdict.LeadsOver, verdict.RepsShort!.Value));
        Assert.False(verdict.Feasible);
        Assert.Equal(4, verdict.Fte);
        Assert.True(Assert.Single(CapacityPlan.Compute(Input(reps, [new CapacityDemand(null, null, 320, 6)]))).Feasible);
    }

    [Fact]
    public void ANewRep_CountsAsTheRampSays_AndNotBeforeTheirStart()
    {
        var settings = new CapacitySettings(10, ramp: [Share.Parse("0%", "r"), Share.Parse("25%", "r"), Share.Parse("50%", "r")]);
        var reps = new[] { Rep("old"), Rep("month-2", start: new LocalDate(2026, 10, 1)), Rep("first-month", start: new LocalDate(2026, 10, 15)), Rep("later", start: new LocalDate(2026, 12, 1)) };

        var verdict = Assert.Single(CapacityPlan.Compute(Input(reps, [], settings: settings)));

        Assert.Equal([Fraction.One, new Fraction(1, 4), Fraction.Zero, Fraction.Zero], verdict.Reps.Select(r => r.Ramp));
        Assert.Equal(4_800 + 1_200, verdict.MinutesAvailable);
        Assert.Equal(100, verdict.LeadsWorkable); // no commitment: the default 6 attempts x 10 minutes
        Assert.Equal(0, CapacityPlan.MonthsSince(new LocalDate(2026, 10, 15), November));
        Assert.Equal(-1, CapacityPlan.MonthsSince(new LocalDate(2026, 12, 1), November));
    }

    [Fact]
    public void TeamsThatNameSegments_ArePooledApart_TheRestTogether()
    {
        var pools = CapacityPool.From([("Enterprise team", ["Enterprise"]), ("Inside", [])], ["SMB", "Mid-Market", "Enterprise"]);
        Assert.Equal(["Enterprise team", "other reps"], pools.Select(p => p.Name));
        var reps = new[] { Rep("e1", team: "Enterprise team"), Rep("i1", team: "Inside"), Rep("n1") };
        var demands = new[] { new CapacityDemand("Enterprise", null, 100, 6), new CapacityDemand("SMB", null, 50, 3), new CapacityDemand("Mid-Market", null, 20, 6) };

        var verdicts = CapacityPlan.Compute(Input(reps, demands, pools));

        Assert.Equal((1, 100L, 6_000), (verdicts[0].Reps.Count, verdicts[0].LeadsCommitted, (int)verdicts[0].MinutesNeeded.ToDecimal(0)));
        Assert.Equal((2, 70L, 2_700), (verdicts[1].Reps.Count, verdicts[1].LeadsCommitted, (int)verdicts[1].MinutesNeeded.ToDecimal(0)));
        Assert.Equal([new CapacityPool("all reps", null, null)], CapacityPool.From([("Inside", [])], ["SMB"]));
    }

    [Fact]
    public void Settings_RefuseWhatCannotBe_NamingTheField()
    {
        Assert.Equal("capacity.minutesPerAttempt", Assert.Throws<InvalidInputException>(() => new CapacitySettings(0)).Field);
        Assert.Equal("capacity.minutesPerAttempt.fax", Assert.Throws<InvalidInputException>(() => new CapacitySettings(5, new Dictionary<string, Fraction> { ["fax"] = 3 })).Field);
        Assert.Equal("capacity.ramp[2]", Assert.Throws<InvalidInputException>(() => new CapacitySettings(5, ramp: [Share.Parse("50%", "r"), Share.Parse("25%", "r")])).Field);
        Assert.Equal("capacity.reps", Assert.Throws<InvalidInputException>(() => new CapacitySettings(5, team: new TeamSize(0, 40, Share.Whole))).Field);
        // Minutes per attempt follow the channel mix: 3 calls at 12 and 1 email at 4 average 10.
        Assert.Equal(10, new CapacitySettings(8, new Dictionary<string, Fraction> { ["call"] = 12, ["email"] = 4 }).MinutesPerAttempt(new Dictionary<string, long> { ["call"] = 3, ["email"] = 1 }));
        Assert.Equal(8, new CapacitySettings(8).MinutesPerAttempt(null));
    }

    [Property(MaxTest = 300)]
    public void Verdicts_AgreeWithBruteForce(PositiveInt[] hours, PositiveInt[] shares, PositiveInt weeks, PositiveInt minutes, (PositiveInt Leads, PositiveInt Attempts)[] demandSeeds)
    {
        var reps = hours.Take(8).Select((h, i) => new CapacityRep($"r{i}", null, h.Get % 60 + 1,
            Share.From(new Fraction(i < shares.Length ? shares[i].Get % 100 + 1 : 50, 100), "s"), null)).ToList();
        var demands = demandSeeds.Take(6).Select(d => new CapacityDemand(null, null, d.Leads.Get % 2000, d.Attempts.Get % 9 + 1)).ToList();
        var input = new CapacityInput(November, weeks.Get % 5 + 1, minutes.Get % 30 + 1, 6, new CapacitySettings(1), reps, demands, [new CapacityPool("all reps", null, null)]);

        var v = Assert.Single(CapacityPlan.Compute(input));

        var available = reps.Aggregate(Fraction.Zero, (s, r) => s + r.WeeklyHours * 60 * input.Weeks * r.MarketingShare.Value);
        var needed = demands.Aggregate(Fraction.Zero, (s, d) => s + Fraction.FromInteger(d.Leads * d.Attempts) * input.MinutesPerAttempt);
        Assert.Equal(available, v.MinutesAvailable);
        Assert.Equal(needed, v.MinutesNeeded);
        Assert.Equal(needed <= available, v.Feasible);
        var leads = demands.Sum(d => d.Leads);
        var perLead = leads > 0 ? needed / leads : input.MinutesPerAttempt * 6;
        // Oracle: count up while one more lead still fits.
        long workable = 0;
        while (perLead * (workable + 1) <= available) workable++;
        Assert.Equal(workable, v.LeadsWorkable);
        if (reps.Count == 0)
        {
            Assert.True(v.Feasible ? v.RepsShort == 0 : v.RepsShort is null);
            return;
        }
        var full = available / reps.Count;
        long k = 0;
        while (available + full * k < needed) k++;
        Assert.Equal(k, v.RepsShort);
    }
}
