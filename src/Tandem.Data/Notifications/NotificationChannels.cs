using System.Data.Common;
using System.Net.Mail;
using Tandem.Data.Clocks;

namespace Tandem.Data.Notifications;

/// <summary>Stores notification channels; <see cref="Check"/> says what is wrong with one before it is stored.</summary>
public static class NotificationChannels
{
    private static readonly HashSet<string> KnownStates = ["warning", "breached", "met", "stopped", "cancelled"];

    /// <summary>The problem with <paramref name="channel"/>, naming the option, or null when it is fine.</summary>
    public static string? Check(NotificationChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (string.IsNullOrWhiteSpace(channel.Name)) return "--name: is empty";
        if (channel.States.Count == 0 || channel.States.Any(s => !KnownStates.Contains(s)))
            return $"--on: '{string.Join(",", channel.States)}' must name states among {string.Join(", ", KnownStates)}";
        if (channel.Commitments.Count == 0 || channel.Commitments.Any(c => c is not ("speed" or "depth")))
            return $"--commitment: '{string.Join(",", channel.Commitments)}' must be speed, depth or both";
        if (channel.Kind is ChannelKind.Webhook or ChannelKind.Slack)
            return Uri.TryCreate(channel.Target, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? null : $"--{NotificationChannel.Word(channel.Kind)}: '{channel.Target}' is not an http or https URL";
        if (channel.Target == "rep") return null;
        foreach (var address in channel.Target.Split(',', StringSplitOptions.TrimEntries))
            if (!MailAddress.TryCreate(address, out _)) return $"--email: '{address}' is not an e-mail address (or write rep for the lead's rep)";
        return null;
    }

    /// <summary>Stores a channel; false when one with that name exists.</summary>
    /// <exception cref="ArgumentException">The channel is invalid (the message names the option).</exception>
    public static async Task<bool> AddAsync(DbConnection connection, NotificationChannel channel, long now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (Check(channel) is { } problem) throw new ArgumentException(problem, nameof(channel));
        await using var command = Sql.Command(connection, null,
            "INSERT INTO notification_channels (name, kind, target, secret, states, commitments, created_at) VALUES (@name, @kind, @target, @secret, @states, @commitments, @now) ON CONFLICT DO NOTHING",
            ("@name", channel.Name.Trim()), ("@kind", NotificationChannel.Word(channel.Kind)), ("@target", channel.Target.Trim()), ("@secret", channel.Secret),
            ("@states", string.Join(",", channel.States.Order())), ("@commitments", string.Join(",", channel.Commitments.Order())), ("@now", now));
        return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) == 1;
    }

    /// <summary>Removes a channel; false when there is none of that name. Deliveries already queued stay.</summary>
    public static async Task<bool> RemoveAsync(DbConnection connection, string name, CancellationToken cancel = default)
    {
        await using var command = Sql.Command(connection, null, "DELETE FROM notification_channels WHERE name = @name", ("@name", name.Trim()));
        return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) == 1;
    }

    /// <summary>Every channel, by name.</summary>
    public static async Task<IReadOnlyList<NotificationChannel>> ListAsync(DbConnection connection, DbTransaction? tx = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Sql.Command(connection, tx, "SELECT name, kind, target, secret, states, commitments FROM notification_channels ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var channels = new List<NotificationChannel>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            channels.Add(new NotificationChannel(reader.GetString(0), Enum.Parse<ChannelKind>(reader.GetString(1), true), reader.GetString(2), Sql.Text(reader, 3),
                reader.GetString(4).Split(',').ToHashSet(), reader.GetString(5).Split(',').ToHashSet()));
        return channels;
    }
}
