namespace Tandem.Data.Accounts;

/// <summary>
/// What a user may do. Admins manage users, tokens and settings; marketing and sales managers work
/// the plan, the data and the breach queue; a sales rep sees the team's totals and their own leads;
/// a viewer reads.
/// </summary>
public static class Roles
{
    /// <summary>Everything, including users, tokens and notification settings.</summary>
    public const string Admin = "admin";

    /// <summary>Marketing: the plan, imports, reports.</summary>
    public const string Marketing = "marketing";

    /// <summary>Sales manager: the breach queue (acknowledge, snooze, excuse), imports, reports.</summary>
    public const string SalesManager = "sales-manager";

    /// <summary>Sales rep: team totals and their own leads and figures.</summary>
    public const string SalesRep = "sales-rep";

    /// <summary>Reads every page; changes nothing.</summary>
    public const string Viewer = "viewer";

    /// <summary>Every role, most powerful first.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Marketing, SalesManager, SalesRep, Viewer];

    /// <summary>The role named <paramref name="text"/> (ignoring case and spaces/underscores for dashes), or null.</summary>
    public static string? Parse(string? text)
    {
        var word = (text ?? "").Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        return All.Contains(word) ? word : null;
    }
}
