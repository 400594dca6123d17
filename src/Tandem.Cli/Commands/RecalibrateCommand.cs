using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tandem.Cli.Output;
using Tandem.Data.Analytics;
using Tandem.Data.Store;
using Tandem.Domain.Analytics;
using Tandem.Domain.Numbers;
using Tandem.Reports;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem recalibrate --for PERIOD</c>: next period's numbers from the window's history, against the active agreement.</summary>
public static class RecalibrateCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create(TextWriter output)
    {
        var target = new Option<string>("--for") { Description = "The period to plan (2013-03, 2026-Q1, 2026).", Required = true };
        var window = new Option<int>("--window") { Description = "Periods to learn from, 6 to 12 (default 6).", DefaultValueFactory = _ => 6 };
        var cycle = new Option<int?>("--cycle") { Description = "The sales cycle in periods (default: the measured average, rounded up)." };
        var agreementFile = new Option<string?>("--agreement") { Description = "Agreement file (default: the active agreement in the store)." };
        var draft = new Option<bool>("--draft") { Description = "Store the proposal as a new draft version of the active agreement (its rates and deal size exactly as measured, or --deal-size), ready to propose." };
        var note = new Option<string?>("--note") { Description = "With --draft: why, kept with the draft beside the recalibration's window." };
        var dealSize = new Option<string?>("--deal-size") { Description = "An assumed average deal size to plan with, in place of the measured one and the agreement's (for data without deal amounts), e.g. 5000." };
        var (database, format, file) = (DatabaseOption.Create(), ReportOutput.Format(chart: false), ReportOutput.Out());
        var command = new Command("recalibrate", "Propose the funnel rates, deal size and leads needed from history, and what changes; --draft makes the proposal a draft revision.") { target, window, cycle, agreementFile, dealSize, draft, note, database, format, file };
        command.SetAction(async (parse, cancel) =>
        {
            ReportOutput.Check(parse.GetValue(format)!, parse.GetValue(file));
            var period = Period.Parse(parse.GetValue(target), "--for");
            if (parse.GetValue(window) is < RecalibrationWindow.MinLength or > RecalibrationWindow.MaxLength)
                throw new CliUsageException($"--window: must be {RecalibrationWindow.MinLength} to {RecalibrationWindow.MaxLength} periods (got {parse.GetValue(window)})");
            if (parse.GetValue(cycle) is < 0) throw new CliUsageException($"--cycle: must be 0 or more periods (got {parse.GetValue(cycle)})");
            var drafting = parse.GetValue(draft);
            if (drafting && parse.GetValue(agreementFile) is not null)
                throw new CliUsageException("--draft: revises the active agreement in the store; leave out --agreement (or import the file first)");
            if (!drafting && parse.GetValue(note) is not null) throw new CliUsageException("--note: goes with --draft");
            var assumed = parse.GetValue(dealSize) is { } dealText ? Amount.ParsePositive(dealText, "--deal-size") : (Fraction?)null;
            await using var db = new TandemDatabase(DatabaseLocation.Resolve(parse.GetValue(database)));
            await using var connection = await DatabaseErrors.Guard(db.Target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
            var active = drafting
                ? await AgreementStore.ActiveAsync(connection, cancel).ConfigureAwait(false)
                  ?? throw new CliUsageException($"--draft: no agreement is active in {db.Target.Display()} to revise (tandem agreement history lists the versions)")
                : null;
            var agreement = (active is null ? null : AgreementLifecycle.Parse(active))
                ?? await ActiveAgreement.LoadAsync(parse.GetValue(agreementFile), connection, cancel).ConfigureAwait(false)
                ?? throw new CliUsageException("--agreement: no agreement file given and none stored (tandem agreement import FILE)");
            var (result, data) = await RecalibrationQuery.RunAsync(connection, agreement, period, parse.GetValue(window), parse.GetValue(cycle), assumed, cancel).ConfigureAwait(false);
            DraftDocument? drafted = null;
            if (active is not null)
            {
                var revised = AgreementRevisions.Recalibrated(agreement, result);
                var stored = await AgreementRevisions.DraftAsync(connection, active, revised, AgreementRevisions.RecalibrationNote(period, result, parse.GetValue(note)),
                    AgreementCommand.Operator, NodaTime.SystemClock.Instance.GetCurrentInstant(), cancel).ConfigureAwait(false);
                var diff = AgreementDiff.Compare(agreement, AgreementLifecycle.Parse(stored));
                drafted = new DraftDocument(stored.Id, active.Id, stored.Note!, DiffDocument.Of(active.Id, stored.Id, diff).Terms);
            }

            await ReportOutput.WriteAsync(parse.GetValue(format)!, parse.GetValue(file), output,
                text => parse.GetValue(format) == FormatOption.Json
                    ? text.WriteLineAsync(JsonSerializer.Serialize(Document(period, result, data, drafted), CliJson.Options))
                    : WriteTableAsync(text, period, result, drafted),
                () => RecalibrationTables.Of(period, result)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The text report: the window, the pooled figures, the changes, the groups, the notes and the draft stored.</summary>
    private static async Task WriteTableAsync(TextWriter output, Period period, RecalibrationResult result, DraftDocument? drafted)
    {
        var (span, cyclePeriods, measured) = (result.Window, result.CyclePeriods, result.CycleMeasured);
        await output.WriteLineAsync($"Recalibration for {period}: window {span.From} to {span.To} ({span.Length} periods), sales cycle {cyclePeriods} period(s){(measured ? " (measured)" : "")}").ConfigureAwait(false);
        if (result.PeriodsWithoutData.Count > 0)
            await output.WriteLineAsync($"  Left out, no leads: {string.Join(", ", result.PeriodsWithoutData)}").ConfigureAwait(false);
        var total = result.Total;
        await output.WriteLineAsync($"  Pooled over the window: {total.Sum.Leads:N0} leads, {total.Sum.Customers:N0} customers, close rate {Pct(total.CloseRate)}, sales cycle {ReportCells.Decimal1(total.CycleDays)} days, deal size {Money(total.DealSize)}{Priced(total)}, lead value {Money(total.LeadValue)}{AtAssumed(total)}").ConfigureAwait(false);
        var changes = new TextTable("figure", "agreement", "proposed");
        foreach (var change in result.Changes)
            changes.Row(change.Name, Show(change.Name, change.Old), Show(change.Name, change.New));
        changes.Write(output);
        if (result.Groups.Count > 0)
        {
            await output.WriteLineAsync("  Per segment and lead type (pooled):").ConfigureAwait(false);
            var groups = new TextTable("segment / lead type", "leads", "customers", "close rate", "cycle days", "with amount", "deal size", "lead value");
            foreach (var (group, inputs) in result.Groups)
                groups.Row($"{group.Segment ?? "(none)"} / {group.LeadType ?? "(none)"}", inputs.Sum.Leads.ToString("N0", CultureInfo.InvariantCulture), inputs.Sum.Customers.ToString("N0", CultureInfo.InvariantCulture),
                    Pct(inputs.CloseRate), ReportCells.Decimal1(inputs.CycleDays), ReportCells.Count(inputs.Sum.PricedCustomers), Money(inputs.DealSize), Money(inputs.LeadValue));
            groups.Write(output);
        }
        foreach (var line in result.Notes) await output.WriteLineAsync($"  Note: {line}").ConfigureAwait(false);
        if (drafted is not null)
        {
            await output.WriteLineAsync($"Drafted agreement #{drafted.Id}, based on #{drafted.BasedOn}; {drafted.Terms.Count} term{(drafted.Terms.Count == 1 ? "" : "s")} changed:").ConfigureAwait(false);
            foreach (var t in drafted.Terms) await output.WriteLineAsync($"  ~ {t.Section}: {t.Before ?? "(none)"} -> {t.After ?? "(none)"}").ConfigureAwait(false);
            await output.WriteLineAsync($"  next: tandem agreement diff {drafted.BasedOn} {drafted.Id}, then tandem agreement propose {drafted.Id}").ConfigureAwait(false);
        }
    }

    /// <summary>The draft <c>--draft</c> stored: its number, the version it revises, its note and the terms that changed.</summary>
    private sealed record DraftDocument(long Id, long BasedOn, string Note, IReadOnlyList<TermDocument> Terms);

    private static object Document(Period period, RecalibrationResult r, SheetData data, DraftDocument? draft) => new
    {
        @for = period.ToString(),
        window = new { from = r.Window.From.ToString(), to = r.Window.To.ToString(), periods = r.Window.Length },
        cycle = new { periods = r.CyclePeriods, measured = r.CycleMeasured },
        periodsWithoutData = r.PeriodsWithoutData.Select(p => p.ToString()),
        inputs = new
        {
            total = Inputs(r.Total, data.Funnel),
            groups = r.Groups.Select(g => new { segment = g.Group.Segment, leadType = g.Group.LeadType, inputs = Inputs(g.Inputs, data.Funnel) }),
        },
        plan = new { old = Plan(r.OldPlan), @new = Plan(r.NewPlan) },
        changes = r.Changes.Select(c => new { name = c.Name, old = c.Old?.ToDecimal(6), @new = c.New?.ToDecimal(6) }),
        notes = r.Notes,
        draft,
    };

    private static object Inputs(PooledInputs i, IReadOnlyList<string> funnel) => new
    {
        leads = i.Sum.Leads,
        customers = i.Sum.Customers,
        pricedCustomers = i.Sum.PricedCustomers,
        revenueFromCustomers = i.Sum.RevenueFromCustomers?.ToDecimal(2),
        closeRate = i.CloseRate?.ToDecimal(6),
        dealSize = i.DealSize?.ToDecimal(2),
        leadValue = i.LeadValue?.ToDecimal(2),
        cycleDays = i.CycleDays?.ToDecimal(2),
        conversions = i.Conversions.Select((c, n) => new { from = funnel[n], to = n + 1 < funnel.Count ? funnel[n + 1] : "Customer", rate = c?.ToDecimal(6) }),
    };

    private static object? Plan(Domain.Planning.MarketingPlan? plan) => plan is null ? null : new
    {
        leadsNeeded = plan.Total.LeadsNeeded,
        customers = plan.Total.Customers,
        stages = plan.Total.Stages.Select(s => new { stage = s.Name, count = s.Count }),
        dealSize = plan.Input.DealSize?.ToDecimal(2),
        funnel = plan.Input.Funnel?.Stages.Select(s => new { stage = s.Name, rate = s.Rate.Value.ToDecimal(6) }),
    };

    /// <summary>How many customers the deal size is the average of, when not all of them.</summary>
    private static string Priced(PooledInputs inputs) =>
        inputs.Sum.UnpricedCustomers > 0 && inputs.Sum.PricedCustomers > 0 ? $" (of the {inputs.Sum.PricedCustomers:N0} {(inputs.Sum.PricedCustomers == 1 ? "customer" : "customers")} with an amount)" : "";

    /// <summary>Says so when the lead value is the assumed deal size's rather than the measured one's.</summary>
    private static string AtAssumed(PooledInputs inputs) =>
        inputs.AssumedDealSize is not null && inputs.Sum.Customers > 0 && inputs.LeadValue is not null ? " (at the assumed deal size)" : "";

    private static string Show(string name, Fraction? value) => value is not { } v ? "-"
        : name == "leads needed" ? v.ToDecimal(0).ToString("N0", CultureInfo.InvariantCulture)
        : name == "deal size" ? Money(v)
        : Pct(v);

    private static string Pct(Fraction? rate) => ReportCells.Percent(rate, 2);

    private static string Money(Fraction? amount) => ReportCells.Money(amount);
}
