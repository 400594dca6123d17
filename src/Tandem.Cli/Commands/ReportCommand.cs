using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Tandem.Cli.Output;
using Tandem.Data.Analytics;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Reports;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem report sheet</c>: the tracking sheet of a period, from the stored leads, stages and deals.</summary>
public static class ReportCommand
{
    /// <summary>Creates the verb and its subcommands.</summary>
    public static Command Create(TextWriter output) => new("report", "Reports on the stored data.") { Sheet(output), PacingReportCommand.Create(output), SpeedReportCommand.Create(output), DepthReportCommand.Create(output), ScorecardReportCommand.Create(output) };

    private static Command Sheet(TextWriter output)
    {
        var period = new Option<string?>("--period") { Description = "The period (2026-11, 2026-Q4 or 2026; default: the current one, of the agreement's kind)." };
        var segment = new Option<string?>("--segment") { Description = "Only this segment's groups (the total then adds up only them)." };
        var agreementFile = new Option<string?>("--agreement") { Description = "Agreement file (default: the active agreement in the store)." };
        var history = new Option<int>("--last") { Description = "Periods shown side by side in csv and xlsx, ending with --period (1 to 24, default 12).", DefaultValueFactory = _ => 12 };
        var (database, format, file) = (DatabaseOption.Create(), ReportOutput.Format(chart: false), ReportOutput.Out());
        var command = new Command("sheet", "The tracking sheet: leads, customers and revenue by cohort, revenue by close, per segment and lead type.") { period, segment, history, agreementFile, database, format, file };
        command.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(history) is < 1 or > 24) throw new CliUsageException($"--last: must be 1 to 24 periods (got {parse.GetValue(history)})");
            ReportOutput.Check(parse.GetValue(format)!, parse.GetValue(file));
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var agreement = await ActiveAgreement.LoadAsync(parse.GetValue(agreementFile), connection, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException("--agreement: no agreement file given and none stored (tandem agreement import FILE); the sheet needs its funnel, lead types and time zone");
            var which = ReportCells.PeriodOf(parse.GetValue(period), agreement, SystemClock.Instance.GetCurrentInstant());
            // csv and xlsx lay the sheet out with one column per period, the --last ones ending with --period; table and json show that one.
            var count = parse.GetValue(history);
            IReadOnlyList<Period> periods = parse.GetValue(format) is ReportOutput.Csv or ReportOutput.Xlsx ? [.. Enumerable.Range(0, count).Select(i => which.Plus(i - count + 1))] : [which];
            var report = await SheetQuery.RunAsync(connection, agreement, periods, parse.GetValue(segment), cancel).ConfigureAwait(false);
            var stages = report.Funnel.Append("Customer").ToList();
            await ReportOutput.WriteAsync(parse.GetValue(format)!, parse.GetValue(file), output,
                text => WriteTextAsync(text, parse.GetValue(format) == FormatOption.Json, which, agreement, parse.GetValue(segment), report, report.Columns[^1], stages),
                () =>
                {
                    // The workbook carries the notes the table prints under it, under the table they qualify.
                    var tables = ReportTables.Sheet(report.Columns, stages, agreement.Currency, parse.GetValue(segment));
                    foreach (var note in SheetNotes(report, report.Columns[^1], agreement.Currency)) tables[1].Note(note);
                    return tables;
                }).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteTextAsync(TextWriter output, bool json, Period which, Domain.Agreements.Agreement agreement, string? segment, SheetReport data, SheetColumn sheet, List<string> stages)
    {
        var zone = agreement.Calendar.Zone;
        if (json)
        {
            var document = new
            {
                period = which.ToString(),
                zone = zone.Id,
                currency = agreement.Currency,
                segment,
                funnel = stages,
                otherCurrencyDeals = data.OtherCurrencyDeals,
                groups = sheet.Groups.Select(g => new { segment = g.Group.Segment, leadType = g.Group.LeadType, marketing = g.Group.Marketing, figures = Figures(g.Figures, stages) }),
                total = Figures(sheet.Total, stages),
            };
            await output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options)).ConfigureAwait(false);
            return;
        }
        await output.WriteLineAsync($"Tracking sheet {which} ({zone.Id}, {agreement.Currency}); leads by entry into {data.Funnel[0]}, revenue by close").ConfigureAwait(false);
        var table = new TextTable("segment / lead type", "leads", "customers", "close rate", "revenue from them", "deal size", "cycle days", "still open", "marketing revenue", "total revenue");
        foreach (var (group, f) in sheet.Groups)
            table.Row($"{group.Segment ?? "(none)"} / {group.LeadType ?? "(none)"}{(group.Marketing ? "" : " (not marketing)")}", ReportCells.Count(f.Leads), ReportCells.Count(f.Customers), ReportCells.Percent(f.CloseRate),
                ReportCells.Money(f.RevenueFromCustomers), ReportCells.Money(f.DealSize), ReportCells.Decimal1(f.AverageCycleDays), ReportCells.Count(f.StillOpen), ReportCells.Money(f.MarketingRevenue), ReportCells.Money(f.TotalRevenue));
        var t = sheet.Total;
        table.Row("Total (marketing-generated)", ReportCells.Count(t.Leads), ReportCells.Count(t.Customers), ReportCells.Percent(t.CloseRate), ReportCells.Money(t.RevenueFromCustomers), ReportCells.Money(t.DealSize), ReportCells.Decimal1(t.AverageCycleDays),
            ReportCells.Count(t.StillOpen), ReportCells.Money(t.MarketingRevenue), ReportCells.Money(t.TotalRevenue));
        table.Write(output);
        await output.WriteLineAsync($"  Marketing share of revenue: {ReportCells.Percent(t.MarketingShare)}").ConfigureAwait(false);
        var notes = SheetNotes(data, sheet, agreement.Currency);
        foreach (var note in notes.Where(n => n.StartsWith("Amounts:", StringComparison.Ordinal)))
            await output.WriteLineAsync($"  {note}").ConfigureAwait(false);
        await output.WriteLineAsync($"  Conversions: {string.Join(", ", t.Conversions.Select((c, i) => $"{stages[i]} -> {stages[i + 1]} {ReportCells.Percent(c)}"))}").ConfigureAwait(false);
        foreach (var note in notes.Where(n => !n.StartsWith("Amounts:", StringComparison.Ordinal)))
            await output.WriteLineAsync($"  {note}").ConfigureAwait(false);
    }

    /// <summary>What the sheet's figures leave out or cannot know, in words: printed under the table, and in the workbook under its table.</summary>
    private static List<string> SheetNotes(SheetReport data, SheetColumn sheet, string currency)
    {
        var t = sheet.Total;
        var notes = new List<string>();
        if (t.UnpricedCustomers > 0 || t.UnpricedClosedDeals > 0)
            notes.Add($"Amounts: {t.PricedCustomers:N0} of the {t.Customers:N0} customers have a won amount and {t.UnpricedClosedDeals:N0} deal(s) won in the period have none; revenue that needs a missing amount is unknown (-), and the deal size is {(t.PricedCustomers == 0 ? "unknown" : "the average of the customers with one")}.");
        if (data.OtherCurrencyDeals > 0)
            notes.Add($"{data.OtherCurrencyDeals} deal(s) in another currency than {currency} are left out.");
        return notes;
    }

    private static object Figures(SheetFigures f, List<string> stages) => new
    {
        leads = f.Leads,
        customers = f.Customers,
        pricedCustomers = f.PricedCustomers,
        stillOpen = f.StillOpen,
        closeRate = f.CloseRate?.ToDecimal(6),
        revenueFromCustomers = f.RevenueFromCustomers?.ToDecimal(2),
        dealSize = f.DealSize?.ToDecimal(2),
        averageCycleDays = f.AverageCycleDays?.ToDecimal(2),
        marketingRevenue = f.MarketingRevenue?.ToDecimal(2),
        totalRevenue = f.TotalRevenue?.ToDecimal(2),
        unpricedWonDeals = f.UnpricedClosedDeals,
        marketingShare = f.MarketingShare?.ToDecimal(6),
        conversions = f.Conversions.Select((c, i) => new { from = stages[i], to = stages[i + 1], reachedFrom = f.Reached[i], reachedTo = f.Reached[i + 1], rate = c?.ToDecimal(6) }),
    };
}
