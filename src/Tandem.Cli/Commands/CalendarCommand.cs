using System.CommandLine;
using System.Text.Json;
using NodaTime;
using Tandem.Cli.Output;
using Tandem.Data.Agreements;
using Tandem.Data.Import;
using Tandem.Domain.Calendars;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem calendar due|between</c>: the business-calendar arithmetic SLA clocks use, on the
/// agreement's calendar (or a team's), or Monday-Friday 09:00-17:00 in <c>--zone</c> without one.
/// </summary>
public static class CalendarCommand
{
    /// <summary>Creates the verb and its subcommands.</summary>
    public static Command Create(TextWriter output) => new("calendar", "Working-time arithmetic on the business calendar.") { Due(output), Between(output) };

    private static Command Due(TextWriter output)
    {
        var from = new Option<string>("--from") { Description = "Start: ISO 8601; a time without an offset is read in the calendar's zone.", Required = true };
        var minutes = new Option<int>("--minutes") { Description = "Working minutes to add (a whole number, 0 or more).", Required = true };
        var (calendar, format) = (new CalendarOptions(), FormatOption.Create());
        var command = new Command("due", "The earliest instant at which --minutes working minutes have passed since --from.") { from, minutes };
        calendar.AddTo(command);
        command.Add(format);
        command.SetAction(async (parse, cancel) =>
        {
            var n = parse.GetValue(minutes);
            if (n < 0) throw new CliUsageException($"--minutes: must be 0 or more (got {n})");
            var resolved = calendar.Resolve(parse);
            var start = SlaCommand.ReadTime(parse.GetValue(from)!, "--from", resolved.Zone);
            var due = resolved.AddWorkingMinutes(start, n);
            var text = TimeOutput.Format(due, resolved.Zone);
            await output.WriteLineAsync(parse.GetValue(format) == FormatOption.Json
                ? JsonSerializer.Serialize(new { due = text }, CliJson.Options)
                : text).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Between(TextWriter output)
    {
        var from = new Option<string>("--from") { Description = "Start: ISO 8601; a time without an offset is read in the calendar's zone.", Required = true };
        var to = new Option<string>("--to") { Description = "End, not before --from.", Required = true };
        var (calendar, format) = (new CalendarOptions(), FormatOption.Create());
        var command = new Command("between", "Working minutes from --from to --to (whole minutes, rounded down).") { from, to };
        calendar.AddTo(command);
        command.Add(format);
        command.SetAction(async (parse, cancel) =>
        {
            var resolved = calendar.Resolve(parse);
            var start = SlaCommand.ReadTime(parse.GetValue(from)!, "--from", resolved.Zone);
            var end = SlaCommand.ReadTime(parse.GetValue(to)!, "--to", resolved.Zone);
            if (end < start)
                throw new CliUsageException($"--to: {TimeOutput.Format(end, resolved.Zone)} is before --from {TimeOutput.Format(start, resolved.Zone)}");
            var minutes = (long)Math.Floor(resolved.WorkingTimeBetween(start, end).TotalMinutes);
            await output.WriteLineAsync(parse.GetValue(format) == FormatOption.Json
                ? JsonSerializer.Serialize(new { minutes }, CliJson.Options)
                : $"{minutes} working minutes").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The options that choose the calendar: <c>--agreement</c>, <c>--team</c>, <c>--zone</c>.</summary>
    private sealed class CalendarOptions
    {
        private readonly Option<string?> _agreement = new("--agreement") { Description = "Agreement file whose calendar to use (default: Monday-Friday 09:00-17:00)." };
        private readonly Option<string?> _team = new("--team") { Description = "A team of the agreement with its own calendar." };
        private readonly Option<string?> _zone = new("--zone") { Description = "Read the calendar in this IANA zone (a rep's own); without an agreement, the zone of the standard calendar (default TANDEM_TIME_ZONE, else UTC)." };

        public void AddTo(Command command)
        {
            command.Add(_agreement);
            command.Add(_team);
            command.Add(_zone);
        }

        public BusinessCalendar Resolve(ParseResult parse)
        {
            var file = parse.GetValue(_agreement);
            var team = parse.GetValue(_team);
            var zoneFlag = parse.GetValue(_zone);
            if (file is null)
            {
                if (team is not null) throw new CliUsageException("--team: needs --agreement, the file that defines the teams");
                return BusinessCalendar.Standard(ZoneOption.Resolve(zoneFlag));
            }
            var agreement = AgreementFile.Load(file);
            var calendar = team is null ? agreement.Calendar : agreement.CalendarOfTeam(team)
                ?? throw new CliUsageException($"--team: '{team}' is not a team of {file} ({TeamList(agreement)})");
            return zoneFlag is null ? calendar : calendar.InZone(ZoneOption.Resolve(zoneFlag));
        }

        private static string TeamList(Domain.Agreements.Agreement agreement) =>
            agreement.Teams.Count == 0 ? "it defines none" : "teams: " + string.Join(", ", agreement.Teams.Select(t => t.Name));
    }
}
