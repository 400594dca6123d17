using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Data.Notifications;
using Tandem.Data.Reps;

namespace Tandem.Web.Pages;

/// <summary>
/// Notifications in the app (issue 22): the warnings and breaches of the user's leads' clocks (a
/// sales rep's own, everyone's for anyone else), newest first, 50 a page by event id, read from
/// the stored events, so they show with no channel configured. Marking one read, or every alert up
/// to the newest shown, is a POST (with the anti-forgery token) stored for the user.
/// </summary>
public sealed class NotificationsModel(PageData data) : TandemPage(data)
{
    /// <summary>Older alerts than this event id (an Older link's); empty for the newest.</summary>
    [BindProperty(SupportsGet = true, Name = "before")]
    public string? BeforeText { get; set; }

    /// <summary>Newer alerts than this event id (a Newer link's).</summary>
    [BindProperty(SupportsGet = true, Name = "after")]
    public string? AfterText { get; set; }

    /// <summary>The page of alerts.</summary>
    public FeedPage Feed { get; private set; } = new([], null, null);

    /// <summary>How many are unread (up to the cap).</summary>
    public int Unread { get; private set; }

    /// <summary>Reps' names.</summary>
    public RepNames Names { get; private set; } = RepNames.None;

    /// <summary>The zone times are shown in.</summary>
    public NodaTime.DateTimeZone Zone { get; private set; } = NodaTime.DateTimeZone.Utc;

    /// <summary>What the last mark did, or why it was refused.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>The signed-in user's name, whose read marks these are.</summary>
    public string UserName => User.Identity?.Name ?? "";

    /// <summary>Lists a page of alerts.</summary>
    public async Task OnGetAsync(CancellationToken cancel)
    {
        var before = Id(BeforeText, "Before");
        var after = Id(AfterText, "After");
        if (Problem is null && before is not null && after is not null) Problem = "After: give before or after, not both; follow the page's Older and Newer links.";
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        Zone = scope.Zone;
        Names = await RepNames.ReadAsync(scope.Connection, cancel).ConfigureAwait(false);
        Unread = await NotificationFeed.UnreadAsync(scope.Connection, UserName, OwnRep, cancel: cancel).ConfigureAwait(false);
        if (Problem is null) Feed = await NotificationFeed.PageAsync(scope.Connection, UserName, OwnRep, before, after, cancel: cancel).ConfigureAwait(false);
    }

    /// <summary>Marks one alert read.</summary>
    public async Task<IActionResult> OnPostReadAsync(string? id, string? back, CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (await ShownAsync(scope, id, "id", cancel).ConfigureAwait(false) is { } eventId)
            Message = await NotificationReadMarks.MarkAsync(scope.Connection, UserName, eventId, scope.Now.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false)
                ? "Marked read." : "That notification was read already.";
        return Redirect(Back(back));
    }

    /// <summary>Marks every alert up to the newest shown read.</summary>
    public async Task<IActionResult> OnPostReadAllAsync(string? through, string? back, CancellationToken cancel)
    {
        await using var scope = await Data.OpenAsync(cancel).ConfigureAwait(false);
        if (await ShownAsync(scope, through, "through", cancel).ConfigureAwait(false) is { } eventId)
        {
            await NotificationReadMarks.MarkThroughAsync(scope.Connection, UserName, eventId, scope.Now.ToUnixTimeMilliseconds(), cancel).ConfigureAwait(false);
            Message = "Every notification up to the newest shown is marked read.";
        }
        return Redirect(Back(back));
    }

    /// <summary>The event id posted when it is one of the user's alerts; else null, with <see cref="Message"/> naming the field.</summary>
    private async Task<long?> ShownAsync(PageScope scope, string? text, string field, CancellationToken cancel)
    {
        if (!long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            Message = $"Not marked: {field} '{text}' is not a notification's id.";
            return null;
        }
        if (await NotificationFeed.ShowsAsync(scope.Connection, OwnRep, id, cancel).ConfigureAwait(false)) return id;
        Message = $"Not marked: {field} {id} is not one of your notifications.";
        return null;
    }

    /// <summary>Where to go after a mark: the page posted from (this page only), else its first page.</summary>
    private static string Back(string? back) =>
        back is not null && (back == "/notifications" || back.StartsWith("/notifications?", StringComparison.Ordinal)) ? back : "/notifications";

    /// <summary>An event id from the address; null (with <see cref="TandemPage.Problem"/> naming the field) when it is not one.</summary>
    private long? Id(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return id;
        Problem ??= $"{field}: '{text}' is not a notification's id; follow the page's Older and Newer links.";
        return null;
    }

    /// <summary>This page's address (kept through a mark).</summary>
    public string Here => Request.Path + Request.QueryString;

    /// <summary>An instant in the agreement's zone, to the minute.</summary>
    public string When(NodaTime.Instant at) => at.InZone(Zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The unread count as the top bar shows it: "99+" beyond the cap.</summary>
    public static string CountText(int unread) => unread >= NotificationFeed.UnreadCap ? $"{NotificationFeed.UnreadCap - 1}+" : unread.ToString(CultureInfo.InvariantCulture);
}
