using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;

namespace Tandem.Data.Tests.Agreements;

/// <summary>The agreement file's teams, rules, warning share and reassignment flag.</summary>
public class ClockTermsFileTest
{
    private const string Text = """
        schemaVersion: 1
        name: SLA
        period: 2026-11
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        calendar:
          timeZone: America/New_York
          holidays: ["12-25"]
        teams:
          - name: EMEA
            calendar:
              timeZone: Europe/Berlin
          - name: Night desk
            calendar:
              workingHours: { weekdays: "22:00-06:00" }
              holidays: []
          - name: Inbound
        sales:
          warnAt: 75%
          resetOnReassign: true
          speed: { firstTouchWithin: 1 hour }
          depth: { attempts: 6 }
          rules:
            - name: Enterprise demos
              when: { segment: Enterprise, leadType: Demo request }
              speed: { firstTouchWithin: 5 minutes, clock: wall }
            - name: High tier
              when: { tier: high }
              depth:
                cadence: [{ attempts: 4, within: 7 }]
            - name: Everything else
              speed: { firstTouchWithin: 2 hours }
        """;

    [Fact]
    public void Parse_Teams_InheritWhatTheyLeaveOut()
    {
        var a = AgreementFile.Parse(Text, "a.yaml");

        Assert.Equal(["EMEA", "Night desk", "Inbound"], a.Teams.Select(t => t.Name));
        var emea = a.CalendarOfTeam("emea")!;
        Assert.Equal("Europe/Berlin", emea.Zone.Id);
        Assert.Equal(a.Calendar.Week, emea.Week);
        Assert.Equal(a.Calendar.Holidays, emea.Holidays);
        var night = a.CalendarOfTeam("Night desk")!;
        Assert.Equal("America/New_York", night.Zone.Id);
        Assert.Empty(night.Holidays);
        Assert.True(night.Week[IsoDayOfWeek.Monday][0].CrossesMidnight);
        Assert.Same(a.Calendar, a.CalendarOfTeam("Inbound"));
        Assert.Null(a.CalendarOfTeam("APAC"));
    }

    [Fact]
    public void CalendarFor_TeamThenRepZone()
    {
        var a = AgreementFile.Parse(Text, "a.yaml");
        var tokyo = DateTimeZoneProviders.Tzdb["Asia/Tokyo"];

        Assert.Equal("Europe/Berlin", a.CalendarFor("EMEA", null).Zone.Id);
        Assert.Equal("Asia/Tokyo", a.CalendarFor("EMEA", tokyo).Zone.Id);
        Assert.Equal("America/New_York", a.CalendarFor("Unknown team", null).Zone.Id);
        Assert.Equal("America/New_York", a.CalendarFor(null, null).Zone.Id);
    }

    [Fact]
    public void Parse_Rules_FirstMatchWins_PartsLeftOutAreTheDefaults()
    {
        var sales = AgreementFile.Parse(Text, "a.yaml").Sales;

        Assert.Equal("75%", sales.WarnAt.ToString());
        Assert.True(sales.ResetOnReassign);
        var demo = sales.For("enterprise", "Demo Request", "high");
        Assert.Equal("Enterprise demos", demo.Rule);
        Assert.Equal(new SpeedCommitment(5, ClockKind.Wall), demo.Speed);
        Assert.Equal(6, demo.Depth.TargetAttempts);
        var high = sales.For("SMB", "Ebook", "high");
        Assert.Equal("High tier", high.Rule);
        Assert.Equal(new SpeedCommitment(60, ClockKind.Working), high.Speed);
        Assert.Equal([new CadenceStep(4, 7)], high.Depth.Cadence);
        Assert.Equal("Everything else", sales.For(null, null, null).Rule);
        Assert.Equal(120, sales.For(null, null, null).Speed.Minutes);
    }

    [Fact]
    public void Parse_NoRules_TheDefaultApplies()
    {
        var sales = AgreementFile.Parse(Text[..Text.IndexOf("  rules:", StringComparison.Ordinal)], "a.yaml").Sales;
        var terms = sales.For("SMB", "Ebook", null);
        Assert.Equal(ClockTerms.DefaultRule, terms.Rule);
        Assert.Equal(60, terms.Speed.Minutes);
    }

    [Fact]
    public void Write_RoundTripsTeamsAndRules()
    {
        var first = AgreementFile.Parse(Text, "in.yaml");
        var written = AgreementFileWriter.Write(first);
        var second = AgreementFile.Parse(written, "out.yaml");

        Assert.Equal(written, AgreementFileWriter.Write(second));
        Assert.Equal(first.Teams.Select(t => (t.Name, t.Calendar.Zone.Id, t.Calendar.Holidays.Count)), second.Teams.Select(t => (t.Name, t.Calendar.Zone.Id, t.Calendar.Holidays.Count)));
        Assert.Equal(first.Sales.Rules.Select(r => (r.Name, r.Segment, r.LeadType, r.Tier, r.Speed)), second.Sales.Rules.Select(r => (r.Name, r.Segment, r.LeadType, r.Tier, r.Speed)));
        Assert.Equal(first.Sales.Rules[1].Depth!.Cadence, second.Sales.Rules[1].Depth!.Cadence);
        Assert.Equal(first.Sales.WarnAt, second.Sales.WarnAt);
        Assert.True(second.Sales.ResetOnReassign);
    }
}
