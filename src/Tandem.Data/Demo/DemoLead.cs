using System.Globalization;
using NodaTime;
using Tandem.Domain.Leads;

namespace Tandem.Data.Demo;

/// <summary>
/// One simulated lead, from arrival to won or lost: its stage changes, the follow-up attempts
/// until it is reached, and a deal if it gets that far. Events at or after the as-of instant are
/// not written; they have not happened yet.
/// </summary>
internal sealed class DemoLead(int number, Instant created, Instant end, SplitMix64 random, DemoFiles files, DemoDeliverables deliverables)
{
    private readonly string _id = "L" + number.ToString("D7", CultureInfo.InvariantCulture);
    private int _touches;

    public void Write()
    {
        var segment = DemoCatalog.Segments[random.Pick([.. DemoCatalog.Segments.Select(s => s.LeadShare)])];
        var type = DemoCatalog.LeadTypes[random.Pick([.. DemoCatalog.LeadTypes.Select(t => t.LeadShare)])];
        var owner = DemoCatalog.Reps[random.Below(DemoCatalog.Reps.Count)];
        var first = DemoCatalog.FirstNames[random.Below(DemoCatalog.FirstNames.Count)];
        var last = DemoCatalog.LastNames[random.Below(DemoCatalog.LastNames.Count)];
        var name = number % 97 == 0 ? DemoCatalog.HostileNames[number / 97 % DemoCatalog.HostileNames.Count] : $"{first} {last}";
        var company = DemoCatalog.Companies[random.Below(DemoCatalog.Companies.Count)];
        var suffix = segment.Name switch { "SMB" => "Studio", "Mid-Market" => "Group", _ => "Holdings" };
        files.Leads.Row(_id, DemoGenerator.Format(created), type.Name, segment.Name, owner.Id, name,
            $"lead{number}@{company.ToLowerInvariant().Replace(' ', '-')}.example", $"{company} {suffix}", DemoCatalog.Titles[random.Below(DemoCatalog.Titles.Count)]);
        Stage(LeadStages.Lead, created, null);
        deliverables.Arrived(_id, created, type.Name);

        if (!random.Chance(type.MqlRate)) return;
        var handoff = created + Minutes(random.Exponential(90));
        if (!Stage(LeadStages.Mql, handoff, owner.Id)) return;

        var reached = FollowUp(handoff, owner.Id);
        if (reached is null)
        {
            Stage(random.Chance(0.5) ? LeadStages.Disqualified : LeadStages.Recycled, handoff + Days(30 + random.Exponential(10)), owner.Id);
            return;
        }
        if (!random.Chance(0.85) || !Stage(LeadStages.Sal, reached.Value + Hours(random.Exponential(20)), owner.Id)) return;
        var sal = reached.Value + Hours(24);
        if (!random.Chance(type.SqlRate / type.MqlRate * 1.2))
        {
            Stage(LeadStages.Disqualified, sal + Days(random.Exponential(7)), owner.Id);
            return;
        }
        var sql = sal + Days(random.Exponential(5));
        if (!Stage(LeadStages.Sql, sql, owner.Id)) return;
        Touch(sql + Hours(random.Exponential(30)), owner.Id, TouchChannel.Meeting, TouchOutcome.Connected);
        if (!random.Chance(type.OpportunityRate)) return;
        var opportunity = sql + Days(random.Exponential(8));
        if (!Stage(LeadStages.Opportunity, opportunity, owner.Id)) return;
        Touch(opportunity + Days(random.Exponential(4)), owner.Id, TouchChannel.Email, TouchOutcome.Replied);
        Deal(segment, type, owner.Id, opportunity);
    }

    /// <summary>Attempts on a cadence until the lead is reached; the instant it was, or null.</summary>
    private Instant? FollowUp(Instant handoff, string rep)
    {
        var roll = random.NextDouble();
        if (roll < 0.06) return null; // never followed up: a breach of the speed and depth commitments
        // Mostly within the half hour; some late by hours.
        var at = handoff + (roll < 0.78 ? Minutes(random.Exponential(14)) : Hours(1 + random.Exponential(8)));
        var attempts = 5 + random.Below(6);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var channel = random.Pick([0.55, 0.35, 0.10]) switch { 0 => TouchChannel.Call, 1 => TouchChannel.Email, _ => TouchChannel.Social };
            TouchOutcome? outcome = channel switch
            {
                TouchChannel.Call => random.Pick([0.16, 0.52, 0.32]) switch { 0 => TouchOutcome.Connected, 1 => TouchOutcome.NoAnswer, _ => TouchOutcome.Voicemail },
                TouchChannel.Email => random.Chance(0.04) ? TouchOutcome.Bounced : random.Chance(0.10) ? TouchOutcome.Replied : null,
                _ => random.Chance(0.1) ? TouchOutcome.Replied : null,
            };
            if (!Touch(at, rep, channel, outcome)) return null;
            if (outcome is TouchOutcome.Connected or TouchOutcome.Replied)
            {
                // Once reached, the conversation goes on: a few more touches whatever comes of it.
                var later = at;
                for (var more = 2 + random.Below(4); more > 0; more--)
                {
                    later += Hours(6 + random.Exponential(30));
                    Touch(later, rep, random.Chance(0.5) ? TouchChannel.Email : TouchChannel.Call, random.Chance(0.6) ? TouchOutcome.Connected : null);
                }
                return at;
            }
            at += Hours(4 + random.Exponential(40));
        }
        return null;
    }

    private void Deal(DemoSegment segment, DemoLeadType type, string rep, Instant opened)
    {
        var amount = Math.Round(segment.DealSize * (decimal)(0.5 + random.NextDouble() * 1.3), 2);
        var cycle = segment.Name switch { "SMB" => 20, "Mid-Market" => 45, _ => 90 };
        var closed = opened + Days(random.Exponential(cycle));
        var won = random.Chance(type.WinRate / type.OpportunityRate * 0.6);
        var id = "D" + _id[1..];
        var amountText = amount.ToString("0.00", CultureInfo.InvariantCulture);
        if (closed >= end)
        {
            files.Deals.Row(id, "open", _id, amountText, "USD", "", DemoGenerator.Format(opened));
            return;
        }
        files.Deals.Row(id, won ? "won" : "lost", _id, amountText, "USD", DemoGenerator.Format(closed), DemoGenerator.Format(opened));
        Stage(won ? LeadStages.Customer : LeadStages.Disqualified, closed, rep);
    }

    private bool Stage(string stage, Instant at, string? rep)
    {
        if (at >= end) return false;
        files.Stages.Row(_id, stage, DemoGenerator.Format(at), rep);
        return true;
    }

    private bool Touch(Instant at, string rep, TouchChannel channel, TouchOutcome? outcome)
    {
        if (at >= end) return false;
        var id = $"T{_id[1..]}-{++_touches}";
        files.Touches.Row(id, _id, LeadVocabulary.Word(channel), DemoGenerator.Format(at), rep, outcome is { } o ? LeadVocabulary.Word(o) : "");
        deliverables.Touched(id, _id, at, channel, rep);
        return true;
    }

    private static Duration Minutes(double minutes) => Duration.FromSeconds(Math.Round(minutes * 60));

    private static Duration Hours(double hours) => Duration.FromSeconds(Math.Round(hours * 3600));

    private static Duration Days(double days) => Duration.FromSeconds(Math.Round(days * 86400));
}
