using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;

namespace Tandem.Data.Agreements;

/// <summary>
/// Reads <c>teams</c>: each a name and, optionally, its own calendar, whose left-out keys come
/// from the agreement's calendar (a team in another zone usually changes only <c>timeZone</c>).
/// </summary>
internal static class TeamsSection
{
    public static List<Team>? Read(YamlSection root, BusinessCalendar? agreementCalendar)
    {
        var teams = new List<Team>();
        var failed = false;
        var items = root.List("teams");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"teams[{i + 1}]";
            var team = YamlSection.Of(items[i], path, root.Problems);
            if (team is null) { failed = true; continue; }
            var name = team.Required("name")?.Trim();
            var calendar = team.Get("calendar") is { } node
                ? CalendarSection.Read(node, team.Field("calendar"), root.Problems, agreementCalendar)
                : agreementCalendar;
            team.CheckUnknownKeys();
            if (name is null || calendar is null) { failed = true; continue; }
            teams.Add(new Team(name, calendar));
        }
        return failed ? null : teams;
    }
}
