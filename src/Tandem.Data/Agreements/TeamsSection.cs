using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;

namespace Tandem.Data.Agreements;

/// <summary>
/// Reads <c>teams</c>: each a name and, optionally, its own calendar, whose left-out keys come
/// from the agreement's calendar (a team in another zone usually changes only <c>timeZone</c>), and
/// the segments it works (for capacity; each one of the agreement's).
/// </summary>
internal static class TeamsSection
{
    public static List<Team>? Read(YamlSection root, BusinessCalendar? agreementCalendar, IReadOnlyList<string>? segments)
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
            var served = new List<string>();
            var listed = team.List("segments");
            for (var s = 0; s < listed.Count; s++)
            {
                var field = $"{path}.segments[{s + 1}]";
                if (team.Scalar(listed[s], field)?.Trim() is not { } text) { failed = true; continue; }
                var known = segments?.FirstOrDefault(k => string.Equals(k, text, StringComparison.OrdinalIgnoreCase));
                if (known is null)
                {
                    root.Problems.Add(listed[s], field, $"'{text}' is not one of the agreement's segments ({(segments is { Count: > 0 } ? string.Join(", ", segments) : "it names none")})");
                    failed = true;
                }
                else if (served.Contains(known)) { root.Problems.Add(listed[s], field, $"'{text}' is listed twice"); failed = true; }
                else served.Add(known);
            }
            team.CheckUnknownKeys();
            if (name is null || calendar is null) { failed = true; continue; }
            teams.Add(new Team(name, calendar) { Segments = served });
        }
        return failed ? null : teams;
    }
}
