using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using NodaTime;
using Tandem.Data.Agreements;
using Tandem.Domain.Agreements;
using Tandem.Domain.Calendars;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;

namespace Tandem.Web.Pages;

/// <summary>
/// The calendar and commitments form of the Agreement page: the business calendar (time zone,
/// working hours day by day, holidays), sales' commitments (speed, depth, the tolerance band) and
/// the deliverable commitments (<see cref="AgreementDeliverablesForm"/>),
/// each field read with the agreement file's own reader (<see cref="AgreementFieldText"/>), so a
/// value means what it means in the file and is refused with the file's reason. Only when every
/// field reads is the revised agreement made; nothing is guessed.
/// </summary>
public sealed partial class AgreementEditForm
{
    private static readonly string[] DayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>Time zone, then each day's working hours, then the holidays.</summary>
    public List<PlanField> Calendar { get; } = [];

    /// <summary>Tolerance, speed and depth.</summary>
    public List<PlanField> Commitments { get; } = [];

    /// <summary>The choices of a field that takes one of a few words (the speed clock, the depth's days), by field name.</summary>
    public static IReadOnlyDictionary<string, string[]> Choices { get; } = new Dictionary<string, string[]>
    {
        ["speedClock"] = ["working", "wall"],
        ["depthDays"] = ["calendar", "working"],
    };

    /// <summary>The fields written on several lines (holidays, cadence).</summary>
    public static IReadOnlySet<string> Lines { get; } = new HashSet<string>(StringComparer.Ordinal) { "holidays", "cadence" };

    /// <summary>The agreement with the form's calendar and commitments, or null when some field has a problem.</summary>
    public Agreement? Revised { get; private set; }

    /// <summary>A problem of the fields taken together (overlapping hours, a cadence out of order), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The content, campaign, reporting and training commitments.</summary>
    public AgreementDeliverablesForm Deliverables { get; private set; } = null!;

    /// <summary>Every field.</summary>
    public IEnumerable<PlanField> Fields => Calendar.Concat(Commitments).Concat(Deliverables.Fields);

    /// <summary>The choices of a field that takes one of a few words, or null.</summary>
    public static string[]? ChoicesOf(string name) => Choices.TryGetValue(name, out var choices) ? choices : AgreementDeliverablesForm.ChoicesOf(name);

    /// <summary>The form for <paramref name="baseline"/>, with the values posted in <paramref name="form"/> (null: the baseline's own).</summary>
    public static AgreementEditForm Read(Agreement baseline, IFormCollection? form)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var edit = new AgreementEditForm();
        PlanField Field(List<PlanField> list, string name, string label, string value, string hint)
        {
            var posted = form is null ? value : form[name].ToString();
            var field = new PlanField(name, label, posted.Trim(), hint) { Edited = form is not null };
            if (form is not null && posted.Trim().Length == 0 && !Lines.Contains(name)) field.Problem = "is empty: enter a value";
            list.Add(field);
            return field;
        }
        T Parse<T>(PlanField field, Func<string, T> parse, T fallback)
        {
            if (field.Problem is not null) return fallback;
            try { return parse(field.Value); }
            catch (InvalidInputException e) { field.Problem = e.Reason; return fallback; }
        }

        var calendar = baseline.Calendar;
        var zoneField = Field(edit.Calendar, "timeZone", "Time zone", calendar.Zone.Id, "IANA, e.g. America/New_York or Europe/Berlin");
        var zone = Parse(zoneField, t => AgreementFieldText.TimeZone(t, "calendar.timeZone"), calendar.Zone);
        var week = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingInterval>>();
        for (var d = 1; d <= 7; d++)
        {
            var day = (IsoDayOfWeek)d;
            var name = CalendarDay(day);
            var field = Field(edit.Calendar, $"hours.{name}", DayNames[d - 1], AgreementFieldText.Format(calendar.Week.GetValueOrDefault(day)), "09:00-17:00, several ranges split by commas, or off");
            var hours = Parse(field, t => AgreementFieldText.WorkingHours(t, $"calendar.workingHours.{name}"), []);
            if (hours.Count > 0) week[day] = hours;
        }
        var holidaysField = Field(edit.Calendar, "holidays", "Holidays", string.Join("\n", calendar.Holidays.Select(AgreementFieldText.Format)), "one a line: a date (2026-12-25) or a day every year (12-25)");
        var holidays = Parse(holidaysField, t => SplitLines(t).Select((h, i) => AgreementFieldText.Holiday(h, $"calendar.holidays[{i + 1}]")).ToList(), [.. calendar.Holidays]);

        var tolerance = Field(edit.Commitments, "tolerance", "Tolerance band", baseline.Tolerance.Band.ToString(), "around marketing's goal, e.g. 10%");
        var band = Parse(tolerance, t => Share.Parse(t, "tolerance"), baseline.Tolerance.Band);
        var sales = baseline.Sales;
        var within = Field(edit.Commitments, "speedWithin", "First touch within", AgreementFieldText.FormatMinutes(sales.Speed.Minutes), "of the handoff, e.g. 30 minutes or 2 hours");
        var minutes = Parse(within, t => AgreementFieldText.Minutes(t, "sales.speed.firstTouchWithin"), sales.Speed.Minutes);
        var clockField = Field(edit.Commitments, "speedClock", "Speed clock", sales.Speed.Clock == ClockKind.Wall ? "wall" : "working", "working: business hours only; wall: every minute counts");
        var clock = Parse(clockField, t => AgreementFieldText.Clock(t, "sales.speed.clock"), sales.Speed.Clock);
        var attemptsField = Field(edit.Commitments, "depthAttempts", "Attempts until connected", sales.Depth.TargetAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture), "before a lead not reached may be given up, e.g. 6");
        var attempts = Parse(attemptsField, t => AgreementFieldText.WholeNumber(t, "sales.depth.attempts"), sales.Depth.TargetAttempts);
        var daysField = Field(edit.Commitments, "depthDays", "Cadence days", sales.Depth.Days == DayKind.Working ? "working" : "calendar", "calendar or working days");
        var days = Parse(daysField, t => AgreementFieldText.DayKind(t, "sales.depth.days"), sales.Depth.Days);
        var cadenceField = Field(edit.Commitments, "cadence", "Cadence", string.Join("\n", sales.Depth.Cadence.Select(s => $"{s.Attempts} within {AgreementFieldText.FormatDays(s.WithinDays)}")), "one step a line: 3 within 14 days");
        var cadence = Parse(cadenceField, ParseCadence, [.. sales.Depth.Cadence]);

        edit.Deliverables = AgreementDeliverablesForm.Read(baseline.Deliverables, form);

        if (edit.Fields.Any(f => f.Problem is not null)) return edit;
        try
        {
            var speed = new SpeedCommitment(minutes, clock).Checked("sales.speed.firstTouchWithin");
            var depth = new DepthCommitment(attempts, cadence, days, "sales.depth");
            edit.Revised = baseline.Revise(
                tolerance: Tolerance.Of(band),
                calendar: new BusinessCalendar(zone, week, holidays),
                sales: sales with { Speed = speed, Depth = depth },
                deliverables: edit.Deliverables.Commitments);
        }
        catch (InvalidInputException e)
        {
            edit.Problem = $"{e.Field}: {e.Reason}";
        }
        return edit;
    }

    /// <summary>"3 within 14 days", one step a line.</summary>
    private static List<CadenceStep> ParseCadence(string text)
    {
        var steps = new List<CadenceStep>();
        foreach (var (line, i) in SplitLines(text).Select((l, i) => (l, i + 1)))
        {
            var match = StepPattern().Match(line);
            if (!match.Success) throw new InvalidInputException($"sales.depth.cadence[{i}]", $"'{line}' is not a step; write 3 within 14 days");
            steps.Add(new CadenceStep(AgreementFieldText.WholeNumber(match.Groups[1].Value, $"sales.depth.cadence[{i}].attempts"),
                AgreementFieldText.Days(match.Groups[2].Value, $"sales.depth.cadence[{i}].within")));
        }
        return steps;
    }

    private static string[] SplitLines(string text) => text.Split(['\n', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string CalendarDay(IsoDayOfWeek day) => day.ToString().ToLowerInvariant();

    [GeneratedRegex(@"^(\S+)\s+(?:attempts?\s+)?within\s+(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex StepPattern();
}
