using Tandem.Domain.Numbers;

namespace Tandem.Domain.Capacity;

/// <summary>A team described by its size, for agreements whose reps are not in the store.</summary>
/// <param name="Reps">How many reps, at least 1.</param>
/// <param name="HoursPerWeek">Each rep's working hours a week, above 0.</param>
/// <param name="MarketingShare">The share of those hours for marketing-generated leads.</param>
public sealed record TeamSize(int Reps, Fraction HoursPerWeek, Share MarketingShare);

/// <summary>
/// What sales capacity is worked out from (the agreement's <c>capacity</c> section): minutes per
/// attempt by channel, the ramp of a new rep, and the team's size where reps are not in the store.
/// </summary>
public sealed record CapacitySettings
{
    /// <summary>The channels an attempt can be made on (a touch's channel).</summary>
    public static IReadOnlyList<string> Channels { get; } = ["call", "email", "meeting", "social"];

    /// <summary>Creates and checks the settings.</summary>
    /// <param name="defaultMinutes">Minutes an attempt takes on a channel not named, above 0.</param>
    /// <param name="channelMinutes">Minutes an attempt takes, by channel (call, email, meeting, social).</param>
    /// <param name="ramp">A new rep's share of full capacity in their first, second ... month; full after the list (empty: full from the start).</param>
    /// <param name="team">The team's size, used when the store has no rep with weekly hours.</param>
    /// <exception cref="InvalidInputException">A value is out of range (the field is named as in the agreement file).</exception>
    public CapacitySettings(Fraction defaultMinutes, IReadOnlyDictionary<string, Fraction>? channelMinutes = null, IReadOnlyList<Share>? ramp = null, TeamSize? team = null)
    {
        if (defaultMinutes.Sign <= 0) throw new InvalidInputException("capacity.minutesPerAttempt", $"must be above 0 minutes (got {defaultMinutes.ToDecimal(2)})");
        ChannelMinutes = channelMinutes ?? new Dictionary<string, Fraction>();
        foreach (var (channel, minutes) in ChannelMinutes)
        {
            if (!Channels.Contains(channel)) throw new InvalidInputException($"capacity.minutesPerAttempt.{channel}", $"is not a channel ({string.Join(", ", Channels)}, or default)");
            if (minutes.Sign <= 0) throw new InvalidInputException($"capacity.minutesPerAttempt.{channel}", $"must be above 0 minutes (got {minutes.ToDecimal(2)})");
        }
        Ramp = ramp ?? [];
        for (var i = 1; i < Ramp.Count; i++)
            if (Ramp[i].Value < Ramp[i - 1].Value) throw new InvalidInputException($"capacity.ramp[{i + 1}]", $"{Ramp[i]} is below the month before ({Ramp[i - 1]}): a ramp only rises");
        if (team is not null)
        {
            if (team.Reps < 1) throw new InvalidInputException("capacity.reps", $"must be at least 1 (got {team.Reps})");
            if (team.HoursPerWeek.Sign <= 0 || team.HoursPerWeek > 168) throw new InvalidInputException("capacity.hoursPerWeek", $"must be above 0 and at most 168 (got {team.HoursPerWeek.ToDecimal(2)})");
        }
        DefaultMinutes = defaultMinutes;
        Team = team;
    }

    /// <summary>Minutes an attempt takes on a channel not named.</summary>
    public Fraction DefaultMinutes { get; }

    /// <summary>Minutes an attempt takes, by channel.</summary>
    public IReadOnlyDictionary<string, Fraction> ChannelMinutes { get; }

    /// <summary>A new rep's share of full capacity by month since their start.</summary>
    public IReadOnlyList<Share> Ramp { get; }

    /// <summary>The team's size, when reps are not in the store.</summary>
    public TeamSize? Team { get; }

    /// <summary>Minutes an attempt on <paramref name="channel"/> takes.</summary>
    public Fraction MinutesOn(string channel) => ChannelMinutes.TryGetValue(channel, out var minutes) ? minutes : DefaultMinutes;

    /// <summary>
    /// Minutes an average attempt takes with attempts spread over channels as <paramref name="attemptsByChannel"/>
    /// (the touches of a recent window); the default minutes when there are none.
    /// </summary>
    public Fraction MinutesPerAttempt(IReadOnlyDictionary<string, long>? attemptsByChannel)
    {
        var total = attemptsByChannel?.Values.Sum() ?? 0;
        if (total == 0) return DefaultMinutes;
        return attemptsByChannel!.Aggregate(Fraction.Zero, (sum, p) => sum + MinutesOn(p.Key) * p.Value) / total;
    }

    /// <summary>The ramp share of a rep <paramref name="months"/> whole months after their start (0 before it).</summary>
    public Fraction RampAt(int months) => months < 0 ? Fraction.Zero : months < Ramp.Count ? Ramp[months].Value : Fraction.One;
}
