using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Accounts;
using Tandem.Data.Notifications;
using Tandem.Web.Accounts;

namespace Tandem.Web.Pages;

/// <summary>
/// Settings (admins only): where SLA events are notified and which deliveries failed (retried on
/// demand), and the users. Calendars and commitments belong to the agreement, not here.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class SettingsModel(PageData data) : TandemPage(data)
{
    /// <summary>Failed deliveries listed.</summary>
    public const int Listed = 50;

    /// <summary>The states a channel may take events of.</summary>
    public static IReadOnlyList<string> States { get; } = ["warning", "breached", "met", "stopped", "cancelled"];

    /// <summary>The channels.</summary>
    public IReadOnlyList<NotificationChannel> Channels { get; private set; } = [];

    /// <summary>Deliveries given up, or failing and still retried, newest first.</summary>
    public IReadOnlyList<OutboxItem> Failed { get; private set; } = [];

    /// <summary>The users.</summary>
    public IReadOnlyList<User> Users { get; private set; } = [];

    /// <summary>A password just made, shown this once, with whose it is.</summary>
    public (string User, string Password)? NewPassword { get; private set; }

    /// <summary>What the last action did, or why it was refused.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Reads the settings.</summary>
    public async Task OnGetAsync(CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        await ReadAsync(scope, cancel).ConfigureAwait(false);
    }

    /// <summary>Adds a notification channel, checked as <c>tandem notifications channel add</c> checks it.</summary>
    public async Task<IActionResult> OnPostChannelAsync(string? name, string? kind, string? target, string? secret, string[]? on, string[]? commitments, CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (!Enum.TryParse<ChannelKind>(kind, ignoreCase: true, out var channelKind) || !Enum.IsDefined(channelKind))
        {
            Message = $"Channel not added: kind '{kind}' is not webhook, slack or email.";
            return Redirect("/settings#channels");
        }
        var channel = new NotificationChannel((name ?? "").Trim(), channelKind, (target ?? "").Trim(), string.IsNullOrWhiteSpace(secret) || channelKind != ChannelKind.Webhook ? null : secret.Trim(),
            (on ?? []).ToHashSet(StringComparer.Ordinal), (commitments ?? []).ToHashSet(StringComparer.Ordinal));
        if (NotificationChannels.Check(channel) is { } problem) Message = $"Channel not added: {Field(problem)}.";
        else if (!await NotificationChannels.AddAsync(scope.Connection, channel, scope.Now.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false))
            Message = $"Channel not added: one named '{channel.Name}' exists.";
        else Message = $"Channel '{channel.Name}' added: it takes {string.Join(", ", channel.States.Order())} events of {string.Join(" and ", channel.Commitments.Order())} clocks.";
        return Redirect("/settings#channels");
    }

    /// <summary>Removes a channel (deliveries already queued stay).</summary>
    public async Task<IActionResult> OnPostRemoveChannelAsync(string? name, CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        Message = await NotificationChannels.RemoveAsync(scope.Connection, name ?? "", cancel).ConfigureAwait(false)
            ? $"Channel '{name}' removed." : $"No channel named '{name}'.";
        return Redirect("/settings#channels");
    }

    /// <summary>Puts a failed delivery back in the queue, due now.</summary>
    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        Message = await Outbox.RetryAsync(scope.Connection, id, scope.Now, cancel).ConfigureAwait(false)
            ? $"Delivery {id} queued again: the next pass of the monitor sends it." : $"Delivery {id} is not waiting to be retried (sent, or not there).";
        return Redirect("/settings#deliveries");
    }

    /// <summary>Adds a user with a generated password, shown once.</summary>
    public async Task<IActionResult> OnPostUserAsync(string? userName, string? displayName, string? role, string? rep, string? email, CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        var password = Passwords.Generate();
        try
        {
            var user = await UserStore.AddAsync(scope.Connection, userName ?? "", displayName ?? "", role ?? "", rep, email, Passwords.Hash(password), scope.Now.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false);
            NewPassword = (user.UserName, password);
            Message = $"User '{user.UserName}' added as {user.Role}. Give them the password below; it is not shown again.";
        }
        catch (ArgumentException e)
        {
            // A user's --email is their address, not a channel's target (which Field reads --email: as).
            Message = $"User not added: {Field(e.Message.Replace("--email:", "e-mail:", StringComparison.Ordinal))}.";
        }
        await ReadAsync(scope, cancel).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Disables, enables or gives a user a new password (shown once).</summary>
    public async Task<IActionResult> OnPostAccountAsync(string? userName, string? action, CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        var key = UserStore.Key(userName ?? "");
        if (key == UserStore.Key(User.Identity!.Name!) && action is "disable" or "password")
        {
            Message = "You cannot disable yourself or reset your own password here (tandem user password, or another admin).";
            return Redirect("/settings#users");
        }
        bool found;
        switch (action)
        {
            case "disable" or "enable":
                found = await UserStore.SetDisabledAsync(scope.Connection, key, action == "disable" ? scope.Now.ToUnixTimeMilliseconds() : null, cancel).ConfigureAwait(false);
                Message = found ? $"User '{key}' {action}d{(action == "disable" ? ": signed out everywhere" : "")}." : $"No user '{key}'.";
                return Redirect("/settings#users");
            case "password":
                var password = Passwords.Generate();
                found = await UserStore.SetPasswordAsync(scope.Connection, key, Passwords.Hash(password), cancel).ConfigureAwait(false);
                if (found)
                {
                    NewPassword = (key, password);
                    Message = $"New password for '{key}' (their sessions end). It is not shown again.";
                }
                else Message = $"No user '{key}'.";
                await ReadAsync(scope, cancel).ConfigureAwait(false);
                return Page();
            default:
                Message = $"Action '{action}' is not disable, enable or password.";
                return Redirect("/settings#users");
        }
    }

    private async Task ReadAsync(PageScope scope, CancellationToken cancel)
    {
        Resolve(scope);
        Problem = null; // settings do not need an agreement
        Channels = await NotificationChannels.ListAsync(scope.Connection, null, cancel).ConfigureAwait(false);
        Failed = await Outbox.ListAsync(scope.Connection, failedOnly: true, Listed, cancel).ConfigureAwait(false);
        Users = await UserStore.ListAsync(scope.Connection, cancel).ConfigureAwait(false);
    }

    /// <summary>The command line's option names (<c>--on:</c>) as the form's fields.</summary>
    private static string Field(string message) => message
        .Replace("--name:", "name:", StringComparison.Ordinal).Replace("--on:", "states:", StringComparison.Ordinal)
        .Replace("--commitment:", "commitments:", StringComparison.Ordinal).Replace("--webhook:", "target:", StringComparison.Ordinal)
        .Replace("--slack:", "target:", StringComparison.Ordinal).Replace("--email:", "target:", StringComparison.Ordinal)
        .Replace("--role:", "role:", StringComparison.Ordinal).Replace("--rep:", "rep:", StringComparison.Ordinal)
        .Replace("--display-name:", "display name:", StringComparison.Ordinal).Replace(" (e.g. --rep rep-03)", " (e.g. rep-03)", StringComparison.Ordinal)
        .TrimEnd('.');
}
