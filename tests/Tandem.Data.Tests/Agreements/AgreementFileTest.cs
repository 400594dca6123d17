using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Pacing;
using Tandem.Domain.Planning;

namespace Tandem.Data.Tests.Agreements;

public class AgreementFileTest
{
    private const string Minimal = "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 500000\ndealSize: 2000\nfunnel:\n  - stage: MQL\n    rate: 1/3\n  - stage: SQL\n    rate: 82%\n  - stage: Opportunity\n    rate: 23%\n";

    [Fact]
    public void Parse_Starter_PlansTheSeedsExample()
    {
        var agreement = AgreementFile.Parse(StarterAgreement.StarterText(), "starter.yaml");

        var plan = PlanCalculator.Compute(agreement.Plan);

        Assert.Equal(3978, plan.Total.LeadsNeeded);
        Assert.Equal(250, plan.Total.Customers);
        Assert.Equal("America/New_York", agreement.Calendar.Zone.Id);
        Assert.Equal(3, agreement.Calendar.Holidays.Count);
        Assert.Equal(30, agreement.Sales.Speed.Minutes);
    }

    [Fact]
    public void Parse_Minimal_TakesTheDefaults()
    {
        var agreement = AgreementFile.Parse(Minimal, "a.yaml");

        Assert.Equal("USD", agreement.Currency);
        Assert.Equal(Tolerance.Default, agreement.Tolerance);
        Assert.Equal(PacingBasis.CalendarDays, agreement.Pacing);
        Assert.Equal(0, agreement.SalesCyclePeriods);
        Assert.Equal(DateTimeZone.Utc, agreement.Calendar.Zone);
        Assert.Equal(5, agreement.Calendar.Week.Count);
        Assert.Equal(SalesCommitments.Default, agreement.Sales);
    }

    [Fact]
    public void Parse_RichFile_ReadsEverySection()
    {
        var text = """
            schemaVersion: 1
            name: Rich
            period: 2026-Q4
            currency: EUR
            quota: 1,200,000
            marketingShare: 0.6
            dealSize: 10000
            tolerance: 5%
            pacing: working-days
            salesCycle: 2
            closeRate: one in five
            segments:
              - name: SMB
                share: 70%
              - name: Enterprise
                share: 30%
                dealSize: 50000
                funnel:
                  - stage: Lead
                    rate: 25%
            leadTypes:
              - name: Demo request
                generatedBy: marketing
                quality: high
                value: 400
                mix: 40%
              - name: Ebook
                mix: 60%
              - name: Outbound
                generatedBy: sales
            calendar:
              timeZone: Europe/Berlin
              workingHours:
                weekdays: ["08:00-12:00", "13:00-17:00"]
                friday: "08:00-14:00"
                saturday: off
                sunday: "22:00-06:00"
              holidays: ["2026-12-24", "12-25"]
            sales:
              handoffStage: SAL
              speed: { firstTouchWithin: 2 hours, clock: wall }
              depth:
                attempts: 9
                days: working
                cadence:
                  - { attempts: 2, within: 1 week }
                  - { attempts: 4, within: 21 }
            teams:
              - name: Key accounts
                segments: [enterprise]
            capacity:
              minutesPerAttempt: { call: 12, email: 4.5, default: 8 }
              ramp: [0%, 25%, 50%, 75%]
              reps: 6
              hoursPerWeek: 37.5
              marketingShare: 60%
            reviewEvery: 2 months
            signatories:
              - { name: Dana Lee, side: marketing, title: VP Marketing, email: dana@example.com }
              - { name: "Sam \"Sales\" Ortiz", side: sales }
            """;

        var a = AgreementFile.Parse(text, "rich.yaml");
        Assert.Equal(["Enterprise"], a.Teams[0].Segments);
        Assert.Equal((8m, 12m, 4.5m), (a.Capacity!.DefaultMinutes.ToDecimal(1), a.Capacity.MinutesOn("call").ToDecimal(1), a.Capacity.MinutesOn("email").ToDecimal(1)));
        Assert.Equal(4, a.Capacity.Ramp.Count);
        Assert.Equal((6, 37.5m, 0.6m), (a.Capacity.Team!.Reps, a.Capacity.Team.HoursPerWeek.ToDecimal(1), a.Capacity.Team.MarketingShare.Value.ToDecimal(1)));
        var again = AgreementFile.Parse(AgreementFileWriter.Write(a), "again.yaml");
        Assert.Equal(AgreementFileWriter.Write(a), AgreementFileWriter.Write(again));
        Assert.Equal(a.Capacity.ChannelMinutes, again.Capacity!.ChannelMinutes);
        Assert.Equal(a.Capacity.Ramp, again.Capacity.Ramp);
        Assert.Equal(a.Capacity.Team, again.Capacity.Team);
        Assert.Equal(["Enterprise"], again.Teams[0].Segments);
        Assert.Null(AgreementFile.Parse(Minimal, "minimal.yaml").Capacity);
        Assert.Equal([new Signatory("Dana Lee", Side.Marketing, "VP Marketing", "dana@example.com"), new Signatory("Sam \"Sales\" Ortiz", Side.Sales)], a.Signatories);
        Assert.Equal(a.Signatories, again.Signatories);
        Assert.Equal((2, 2), (a.ReviewMonths, again.ReviewMonths));
        Assert.Equal((3, 0), (AgreementFile.Parse(Minimal, "minimal.yaml").ReviewMonths, AgreementFile.Parse(Minimal, "minimal.yaml").Signatories.Count));

        Assert.Equal("2026-Q4", a.Period.ToString());
        Assert.Equal(2, a.Plan.Segments.Count);
        Assert.Equal(3, a.Plan.LeadTypes.Count);
        Assert.Equal(LeadOrigin.Sales, a.Plan.LeadTypes[2].Origin);
        Assert.Equal(2, a.Calendar.Week[IsoDayOfWeek.Monday].Count);
        Assert.Single(a.Calendar.Week[IsoDayOfWeek.Friday]);
        Assert.False(a.Calendar.Week.ContainsKey(IsoDayOfWeek.Saturday));
        Assert.True(a.Calendar.Week[IsoDayOfWeek.Sunday][0].CrossesMidnight);
        Assert.Equal(new SpeedCommitment(120, ClockKind.Wall), a.Sales.Speed);
        Assert.Equal([new CadenceStep(2, 7), new CadenceStep(4, 21)], a.Sales.Depth.Cadence);
        Assert.Equal(DayKind.Working, a.Sales.Depth.Days);
    }

    [Fact]
    public void Write_RoundTripsTheStarterAndARichFile()
    {
        foreach (var text in new[] { StarterAgreement.StarterText(), Minimal.Replace("rate: 82%", "rate: 0.8213", StringComparison.Ordinal) })
        {
            var first = AgreementFile.Parse(text, "in.yaml");
            var written = AgreementFileWriter.Write(first);
            var second = AgreementFile.Parse(written, "out.yaml");

            Assert.Equal(written, AgreementFileWriter.Write(second));
            var (before, after) = (PlanCalculator.Compute(first.Plan).Total, PlanCalculator.Compute(second.Plan).Total);
            Assert.Equal(before.LeadsNeeded, after.LeadsNeeded);
            Assert.Equal(before.Stages, after.Stages);
            Assert.Equal(first.Plan.Funnel!.Stages, second.Plan.Funnel!.Stages);
            Assert.Equal(first.Sales.Speed, second.Sales.Speed);
            Assert.Equal(first.Sales.Depth.Cadence, second.Sales.Depth.Cadence);
            Assert.Equal(first.Sales.Depth.TargetAttempts, second.Sales.Depth.TargetAttempts);
            Assert.Equal(first.Calendar.Holidays, second.Calendar.Holidays);
            Assert.Contains("rate: \"1/3\"", written.Replace("rate: 1/3", "rate: \"1/3\"", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("unknown key with suggestion", "quotaa: 5\n", 13, "quotaa", "did you mean 'quota'?")]
    [InlineData("bad period", "", 3, "period", "", "period: 2026-13")]
    [InlineData("ambiguous rate", "", 8, "funnel[1].rate", "ambiguous", "rate: 1/3", "rate: 23")]
    [InlineData("negative quota", "", 4, "quota", "greater than 0", "quota: 500000", "quota: -5")]
    [InlineData("duplicate stage", "", 7, "funnel", "twice", "stage: SQL", "stage: mql")]
    [InlineData("shares not 100%", "segments:\n  - name: A\n    share: 50%\n  - name: B\n    share: 40%\n", 14, "segments", "90%")]
    [InlineData("bad time zone", "calendar:\n  timeZone: Mars/Olympus\n", 14, "calendar.timeZone", "IANA")]
    [InlineData("bad working hours", "calendar:\n  workingHours:\n    weekdays: 9-17\n", 15, "calendar.workingHours.weekdays", "09:00-17:00")]
    [InlineData("bad holiday", "calendar:\n  holidays: [christmas]\n", 14, "calendar.holidays[1]", "2026-12-25")]
    [InlineData("bad cadence unit", "sales:\n  depth:\n    cadence:\n      - attempts: 3\n        within: 2 fortnights\n", 17, "sales.depth.cadence[1].within", "unknown unit")]
    [InlineData("cadence falling", "sales:\n  depth:\n    cadence:\n      - {attempts: 5, within: 28}\n      - {attempts: 3, within: 14}\n", 16, "sales.depth.cadence[2]", "more attempts")]
    [InlineData("closeRate and funnel", "closeRate: 20%\n", 13, "closeRate", "not both")]
    [InlineData("segment funnel naming other stages", "segments:\n  - name: A\n    share: 50%\n  - name: B\n    share: 50%\n    funnel:\n      - stage: Lead\n        rate: 10%\n", 19, "segments[2].funnel", "names the stages Lead -> Customer, but the agreement's funnel names MQL -> SQL -> Opportunity -> Customer")]
    [InlineData("lead type funnel in another order", "leadTypes:\n  - name: Demo\n    funnel:\n      - {stage: SQL, rate: 50%}\n      - {stage: MQL, rate: 50%}\n      - {stage: Opportunity, rate: 50%}\n", 16, "leadTypes[1].funnel", "same stages in the same order")]
    [InlineData("list instead of mapping", "calendar: [a, b]\n", 13, "calendar", "mapping")]
    [InlineData("mapping instead of value", "name2: x\ncurrency: {a: 1}\n", 14, "currency", "single value")]
    [InlineData("bad clock", "sales:\n  speed:\n    clock: sundial\n", 15, "sales.speed.clock", "working")]
    [InlineData("lower-case currency", "currency: usd\n", 13, "currency", "ISO 4217")]
    [InlineData("warnAt of 100%", "sales:\n  warnAt: 100%\n", 14, "sales.warnAt", "below 100%")]
    [InlineData("resetOnReassign not a flag", "sales:\n  resetOnReassign: sometimes\n", 14, "sales.resetOnReassign", "true or false")]
    [InlineData("rule without terms", "sales:\n  rules:\n    - name: Hot\n      when: {leadType: Demo}\n", 15, "sales.rules[1]", "neither speed nor depth")]
    [InlineData("rule without name", "sales:\n  rules:\n    - speed: {firstTouchWithin: 5}\n", 15, "sales.rules[1].name", "required")]
    [InlineData("rule named twice", "sales:\n  rules:\n    - {name: Hot, speed: {firstTouchWithin: 5}}\n    - {name: hot, speed: {firstTouchWithin: 9}}\n", 16, "sales.rules[2].name", "another rule")]
    [InlineData("rule with a bad clock", "sales:\n  rules:\n    - name: Hot\n      speed: {clock: sundial}\n", 16, "sales.rules[1].speed.clock", "working")]
    [InlineData("rule with unknown condition", "sales:\n  rules:\n    - name: Hot\n      when: {colour: red}\n      speed: {firstTouchWithin: 5}\n", 16, "sales.rules[1].when.colour", "unknown key")]
    [InlineData("team without name", "teams:\n  - calendar: {timeZone: Europe/Berlin}\n", 14, "teams[1].name", "required")]
    [InlineData("team with a bad zone", "teams:\n  - name: EMEA\n    calendar: {timeZone: Europe/Atlantis}\n", 15, "teams[1].calendar.timeZone", "IANA")]
    [InlineData("team named twice", "teams:\n  - name: EMEA\n  - name: emea\n", 15, "teams[2].name", "twice")]
    [InlineData("capacity without minutes", "capacity:\n  reps: 4\n  hoursPerWeek: 40\n", 14, "capacity.minutesPerAttempt", "is required")]
    [InlineData("capacity minutes not a number", "capacity:\n  minutesPerAttempt: soon\n", 14, "capacity.minutesPerAttempt", "not a number of minutes")]
    [InlineData("capacity on a fax", "capacity:\n  minutesPerAttempt: {fax: 3, default: 5}\n", 14, "capacity.minutesPerAttempt.fax", "unknown key")]
    [InlineData("capacity by channel without default", "capacity:\n  minutesPerAttempt: {call: 3}\n", 14, "capacity.minutesPerAttempt.default", "required")]
    [InlineData("capacity ramp falling", "capacity:\n  minutesPerAttempt: 5\n  ramp: [50%, 25%]\n", 15, "capacity.ramp[2]", "only rises")]
    [InlineData("capacity reps without hours", "capacity:\n  minutesPerAttempt: 5\n  reps: 4\n", 14, "capacity", "go together")]
    [InlineData("capacity of no reps", "capacity:\n  minutesPerAttempt: 5\n  reps: 0\n  hoursPerWeek: 40\n", 15, "capacity.reps", "1 or more")]
    [InlineData("team working an unknown segment", "teams:\n  - name: EMEA\n    segments: [Mars]\n", 15, "teams[1].segments[1]", "not one of the agreement's segments")]
    [InlineData("team calendar with no working day", "teams:\n  - name: Night\n    calendar:\n      workingHours: {weekdays: \"off\"}\n", 16, "teams[1].calendar.workingHours", "no day")]
    [InlineData("signatory on no side", "signatories:\n  - {name: Dana, side: finance}\n  - {name: Sam, side: sales}\n", 14, "signatories[1].side", "marketing or sales")]
    [InlineData("signatory without a side", "signatories:\n  - {name: Dana}\n  - {name: Sam, side: sales}\n", 14, "signatories[1].side", "required")]
    [InlineData("signatory named twice", "signatories:\n  - {name: Dana, side: marketing}\n  - {name: dana, side: sales}\n", 15, "signatories[2].name", "named twice")]
    [InlineData("signatories of one side", "signatories:\n  - {name: Dana, side: marketing}\n", 14, "signatories", "names nobody for sales")]
    [InlineData("signatory with a bad address", "signatories:\n  - {name: Dana, side: marketing, email: dana-at-example}\n  - {name: Sam, side: sales}\n", 14, "signatories[1].email", "not an e-mail address")]
    [InlineData("signatory with an unknown key", "signatories:\n  - {name: Dana, side: marketing, phone: 555}\n  - {name: Sam, side: sales}\n", 14, "signatories[1].phone", "unknown key")]
    [InlineData("review every fortnight", "reviewEvery: fortnightly\n", 13, "reviewEvery", "monthly, quarterly")]
    [InlineData("review every 30 months", "reviewEvery: 30 months\n", 13, "reviewEvery", "1 to 24")]
    public void Parse_Invalid_ReportsLineFieldAndReason(string scenario, string append, int line, string field, string reason, string? find = null, string? replace = null)
    {
        var text = Minimal + append;
        if (find is not null) text = text.Replace(find, replace ?? find, StringComparison.Ordinal);
        if (scenario == "bad period") text = text.Replace("period: 2026-11", "period: 2026-13", StringComparison.Ordinal);

        var e = Assert.Throws<AgreementFileException>(() => AgreementFile.Parse(text, "x.yaml"));

        Assert.Contains(e.Errors, err => err.Line == line && err.Field == field && err.Reason.Contains(reason, StringComparison.Ordinal));
        Assert.All(e.Errors, err => Assert.Equal("x.yaml", err.File));
    }

    [Fact]
    public void Parse_SeveralProblems_AreReportedTogetherInLineOrder()
    {
        var text = Minimal.Replace("quota: 500000", "quota: -1", StringComparison.Ordinal).Replace("rate: 82%", "rate: 82", StringComparison.Ordinal) + "colour: blue\n";

        var e = Assert.Throws<AgreementFileException>(() => AgreementFile.Parse(text, "x.yaml"));

        Assert.Equal([4, 10, 13], e.Errors.Select(err => err.Line));
        Assert.Equal("x.yaml:4: quota: must be greater than 0 (got -1)", e.Errors[0].ToString());
    }

    [Theory]
    [InlineData("missing", "name: SLA\n", 1, "is required")]
    [InlineData("newer", "schemaVersion: 2\n", 1, "newer Tandem")]
    [InlineData("not a number", "schemaVersion: one\n", 1, "not a schema version")]
    public void Parse_SchemaVersion_IsCheckedFirst(string scenario, string text, int line, string reason)
    {
        var e = Assert.Throws<AgreementFileException>(() => AgreementFile.Parse(text, "x.yaml"));

        var error = Assert.Single(e.Errors);
        Assert.True(error.Line == line && error.Field == "schemaVersion" && error.Reason.Contains(reason, StringComparison.Ordinal), scenario);
    }

    [Fact]
    public void Parse_YamlSyntaxError_GivesItsLine()
    {
        var e = Assert.Throws<AgreementFileException>(() => AgreementFile.Parse("schemaVersion: 1\nname: SLA\n  period: 2026-11\n", "x.yaml"));

        Assert.Equal("yaml", Assert.Single(e.Errors).Field);
        Assert.Equal(3, e.Errors[0].Line);
    }

    [Fact]
    public void Parse_UnclosedBracket_IsAnAgreementError() =>
        Assert.Contains("unclosed", Assert.Throws<AgreementFileException>(() => AgreementFile.Parse("schemaVersion: 1\nname: [unclosed\nperiod: 2026-11\n", "x.yaml")).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_EmptyFile_SaysSo() =>
        Assert.Contains("empty", Assert.Throws<AgreementFileException>(() => AgreementFile.Parse("", "x.yaml")).Message, StringComparison.Ordinal);

    [Fact]
    public void Load_MissingFile_NamesThePath()
    {
        var e = Assert.Throws<AgreementFileException>(() => AgreementFile.Load("/nonexistent/agreement.yaml"));

        Assert.Equal("/nonexistent/agreement.yaml: agreement file: not found", Assert.Single(e.Errors).ToString());
    }
}
