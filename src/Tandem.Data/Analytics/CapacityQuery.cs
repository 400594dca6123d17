using System.Data.Common;
using System.Globalization;
using NodaTime;
using Tandem.Domain.Agreements;
using Tandem.Domain.Capacity;
using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.Analytics;

/// <summary>Sales capacity for one period against a plan, or why it cannot be worked out.</summary>
/// <param name="Source"><c>store</c> (reps with weekly hours in the store) or <c>agreement</c> (the agreement's team size).</param>
/// <param name="Weeks">Working weeks in the period.</param>
/// <param name="MinutesPerAttempt">Minutes an average attempt takes (the channel mix of the last <see cref="CapacityQuery.MixDays"/> days' touches).</param>
public sealed record CapacityReport(Period Period, string Source, Fraction Weeks, Fraction MinutesPerAttempt, IReadOnlyList<CapacityVerdict> Pools)
{
    /// <summary>Whether every pool can follow up its committed leads as committed.</summary>
    public bool Feasible => Pools.All(p => p.Feasible);
}

/// <summary>
/// Works out <see cref="CapacityPlan"/> from the store and the agreement: the reps with weekly hours
/// (else the agreement's team size), minutes per attempt by the recent channel mix, the period's
/// working weeks on the agreement's calendar, and marketing's commitment cell by cell with the
/// depth each cell's leads are owed.
/// </summary>
public static class CapacityQuery
{
    /// <summary>Days of touches the channel mix is read from.</summary>
    public const int MixDays = 90;

    /// <summary>The report, or null when the agreement has no <c>capacity</c> section.</summary>
    /// <param name="connection">The store; null to use only the agreement (its team size).</param>
    /// <param name="plan">The plan to check (the agreement's, or a what-if).</param>
    /// <exception cref="InvalidInputException">Nothing to count: no rep with hours and no team size (field <c>capacity</c>).</exception>
    public static async Task<CapacityReport?> RunAsync(DbConnection? connection, Agreement agreement, PlanInput plan, Period period, Instant now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(plan);
        if (agreement.Capacity is not { } settings) return null;
        var reps = connection is null ? [] : await RepsAsync(connection, settings, cancel).ConfigureAwait(false);
        var source = "store";
        if (reps.Count == 0)
        {
            if (settings.Team is not { } team)
                throw new InvalidInputException("capacity", "no rep in the store has weekly hours (import reps with weekly_hours), and the agreement gives no team size (capacity.reps and capacity.hoursPerWeek)");
            reps = [.. Enumerable.Range(1, team.Reps).Select(i => new CapacityRep($"rep {i}", null, team.HoursPerWeek, team.MarketingShare, null))];
            source = "agreement";
        }
        var mix = connection is null ? null : await ChannelMixAsync(connection, now - Duration.FromDays(MixDays), cancel).ConfigureAwait(false);
        var calendar = agreement.Calendar;
        var workingDays = period.Dates().Count(calendar.IsWorkingDay);
        var weeks = calendar.Week.Count == 0 ? Fraction.Zero : new Fraction(workingDays, calendar.Week.Count);
        var cells = PlanCalculator.Compute(plan).Cells;
        var demands = cells.Select(c => new CapacityDemand(c.Segment, c.LeadType, c.Figures.LeadsNeeded,
            agreement.Sales.For(c.Segment, c.LeadType, null).Depth.TargetAttempts)).ToList();
        var pools = CapacityPool.From([.. agreement.Teams.Select(t => (t.Name, t.Segments))], [.. plan.Segments.Select(s => s.Name)]);
        var minutes = settings.MinutesPerAttempt(mix);
        var input = new CapacityInput(period.Start, weeks, minutes, agreement.Sales.Depth.TargetAttempts, settings, reps, demands, pools);
        return new CapacityReport(period, source, weeks, minutes, CapacityPlan.Compute(input));
    }

    /// <summary>Reps with weekly hours; a rep without a marketing share gives the agreement's team share, else all their hours.</summary>
    private static async Task<List<CapacityRep>> RepsAsync(DbConnection connection, CapacitySettings settings, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, team, weekly_hours_e4, marketing_share_e4, start_date FROM reps WHERE weekly_hours_e4 IS NOT NULL AND weekly_hours_e4 > 0 ORDER BY source, id";
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var reps = new List<CapacityRep>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            var share = reader.IsDBNull(3) ? settings.Team?.MarketingShare ?? Share.Whole : Share.From(new Fraction(reader.GetInt64(3), 10_000), "marketing_share");
            LocalDate? start = reader.IsDBNull(4) ? null
                : DateOnly.TryParseExact(reader.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? LocalDate.FromDateOnly(d) : null;
            reps.Add(new CapacityRep(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), new Fraction(reader.GetInt64(2), 10_000), share, start));
        }
        return reps;
    }

    private static async Task<Dictionary<string, long>> ChannelMixAsync(DbConnection connection, Instant since, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT channel, COUNT(*) FROM touches WHERE at >= @since GROUP BY channel";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@since";
        parameter.Value = since.ToUnixTimeMilliseconds();
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var mix = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false)) mix[reader.GetString(0)] = reader.GetInt64(1);
        return mix;
    }
}
