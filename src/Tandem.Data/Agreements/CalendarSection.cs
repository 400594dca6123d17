using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Tandem.Domain.Calendars;
using YamlDotNet.RepresentationModel;

namespace Tandem.Data.Agreements;

/// <summary>
/// Reads <c>calendar</c>: the IANA time zone, weekly working hours and holidays. Without
/// <c>workingHours</c> the week is Monday-Friday 09:00-17:00; with it, <c>weekdays</c> sets
/// Monday-Friday, a named day overrides it, and any day set by neither is off.
/// </summary>
internal static partial class CalendarSection
{
    public static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>The agreement's <c>calendar</c>.</summary>
    public static BusinessCalendar? Read(YamlSection root) =>
        root.Get("calendar") is { } node ? Read(node, "calendar", root.Problems, null) : BusinessCalendar.Standard(DateTimeZone.Utc);

    /// <summary>
    /// A calendar at <paramref name="path"/>; keys it leaves out come from <paramref name="inherited"/>
    /// (a team's calendar inherits the agreement's), or the defaults when that is null.
    /// </summary>
    public static BusinessCalendar? Read(YamlNode node, string path, YamlProblems problems, BusinessCalendar? inherited)
    {
        var section = YamlSection.Of(node, path, problems);
        if (section is null) return null;
        var before = problems.Errors.Count;

        var zone = inherited?.Zone ?? DateTimeZone.Utc;
        if (section.Text("timeZone") is { } zoneId)
        {
            var found = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId.Trim());
            if (found is null) problems.Add(section.Get("timeZone")!, section.Field("timeZone"), $"'{zoneId}' is not an IANA time zone such as America/New_York, Europe/Berlin or UTC");
            else zone = found;
        }
        var week = ReadWeek(section, inherited);
        var holidays = section.Has("holidays")
            ? section.List("holidays").Select((h, i) => ReadHoliday(section, h, $"{section.Field("holidays")}[{i + 1}]")).ToList()
            : [.. inherited?.Holidays ?? []];
        section.CheckUnknownKeys();
        if (problems.Errors.Count > before || week is null) return null;
        return problems.Try(node, () => Rebased(path, () => new BusinessCalendar(zone, week, holidays!)));
    }

    /// <summary>The calendar's own errors name <c>calendar...</c>; a team's calendar lives elsewhere in the file.</summary>
    private static T Rebased<T>(string path, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (Tandem.Domain.Numbers.InvalidInputException e) when (path != "calendar" && e.Field.StartsWith("calendar", StringComparison.Ordinal))
        {
            throw new Tandem.Domain.Numbers.InvalidInputException(path + e.Field["calendar".Length..], e.Reason);
        }
    }

    private static Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>>? ReadWeek(YamlSection calendar, BusinessCalendar? inherited)
    {
        var node = calendar.Get("workingHours");
        if (node is null) return new((inherited ?? BusinessCalendar.Standard(DateTimeZone.Utc)).Week);
        var hours = YamlSection.Of(node, calendar.Field("workingHours"), calendar.Problems);
        if (hours is null) return null;
        var week = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>>();
        var failed = false;
        if (hours.Get("weekdays") is { } weekdays)
        {
            var intervals = ReadIntervals(hours, weekdays, hours.Field("weekdays"));
            if (intervals is null) failed = true;
            else for (var d = IsoDayOfWeek.Monday; d <= IsoDayOfWeek.Friday; d++) week[d] = intervals;
        }
        for (var i = 0; i < Days.Length; i++)
        {
            if (hours.Get(Days[i]) is not { } dayNode) continue;
            var intervals = ReadIntervals(hours, dayNode, hours.Field(Days[i]));
            if (intervals is null) failed = true;
            else week[(IsoDayOfWeek)(i + 1)] = intervals;
        }
        hours.CheckUnknownKeys();
        return failed ? null : week.Where(d => d.Value.Count > 0).ToDictionary();
    }

    /// <summary>"09:00-17:00", a list of such ranges, or "off".</summary>
    private static List<WorkingInterval>? ReadIntervals(YamlSection hours, YamlNode node, string field)
    {
        var texts = node is YamlSequenceNode list
            ? list.Children.Select(c => hours.Scalar(c, field)).ToList()
            : [hours.Scalar(node, field)];
        if (texts.Any(t => t is null)) return null;
        if (texts.Count == 1 && texts[0]!.Trim().Equals("off", StringComparison.OrdinalIgnoreCase)) return [];
        var intervals = new List<WorkingInterval>();
        foreach (var text in texts)
        {
            try
            {
                intervals.Add(AgreementFieldText.Range(text!, field));
            }
            catch (Tandem.Domain.Numbers.InvalidInputException e)
            {
                hours.Problems.Add(node, field, e.Reason);
                return null;
            }
        }
        return intervals;
    }

    private static Holiday? ReadHoliday(YamlSection calendar, YamlNode node, string field)
    {
        var text = calendar.Scalar(node, field)?.Trim();
        if (text is null) return null;
        try
        {
            return AgreementFieldText.Holiday(text, field);
        }
        catch (Tandem.Domain.Numbers.InvalidInputException e)
        {
            calendar.Problems.Add(node, field, e.Reason);
            return null;
        }
    }
}
