using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Tandem.Cli.Output;
using Tandem.Data.Demo;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem demo generate</c>: a realistic, deterministic data set in the generic import format.</summary>
public static class DemoCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create(TextWriter output)
    {
        var leads = new Option<int>("--leads") { Description = "Number of leads (default 5000).", DefaultValueFactory = _ => 5000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed: the same seed, lead count and --as-of give the same files (default 1).", DefaultValueFactory = _ => 1 };
        var asOf = new Option<string?>("--as-of") { Description = "Where the data ends: a date (its end, UTC) or an instant with offset (default: now)." };
        var months = new Option<int>("--months") { Description = "Months of history (default 12, at least 9).", DefaultValueFactory = _ => 12 };
        var outDir = new Option<string>("--out") { Description = "The folder to write agreement.yaml and the CSVs into (leads, stages, touches, deals, reps and the deliverables).", Required = true };
        var format = FormatOption.Create();
        var generate = new Command("generate", "Write an agreement file and leads, stages, touches, deals, reps and deliverables CSVs for a demo company.")
        {
            leads, seed, asOf, months, outDir, format,
        };
        generate.SetAction(async (parse, cancel) =>
        {
            var count = parse.GetValue(leads);
            if (count < 1) throw new CliUsageException($"--leads: must be at least 1 (got {count})");
            var history = parse.GetValue(months);
            if (history is < 9 or > 60) throw new CliUsageException($"--months: must be 9 to 60 (got {history})");
            var end = ParseAsOf(parse.GetValue(asOf));
            var folder = parse.GetValue(outDir)!;
            var clock = Stopwatch.StartNew();
            DemoCounts written;
            try
            {
                written = DemoGenerator.Write(new DemoOptions(count, parse.GetValue(seed), end) { Months = history }, folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"--out: cannot write {folder} ({e.Message})");
            }
            var asOfText = TimeOutput.Format(end, DateTimeZone.Utc);
            if (parse.GetValue(format) == FormatOption.Json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new { folder = Path.GetFullPath(folder), asOf = asOfText, written.Leads, written.Stages, written.Touches, written.Deals, written.Reps,
                    deliverables = written.Deliverables.ToDictionary(d => d.File, d => d.Rows) }, CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            await output.WriteLineAsync($"wrote a demo data set as of {asOfText} to {Path.GetFullPath(folder)} in {clock.Elapsed.TotalSeconds:0.0} s").ConfigureAwait(false);
            var table = new TextTable("file", "rows");
            (string File, long Rows)[] files = [("leads.csv", written.Leads), ("stages.csv", written.Stages), ("touches.csv", written.Touches), ("deals.csv", written.Deals), ("reps.csv", written.Reps), .. written.Deliverables];
            foreach (var (file, rows) in files)
                table.Row(file, rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            table.Row("agreement.yaml", "");
            table.Write(output);
            await output.WriteLineAsync($"import them with: for k in {string.Join(' ', Tandem.Data.Import.ImportKinds.All.Select(Tandem.Data.Import.ImportKinds.Word))}; do tandem import $k {folder}/$k.csv; done").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return new Command("demo", "Demo data.") { generate };
    }

    /// <summary>Reads an --as-of value: a date (its end, UTC) or an instant with offset; now when absent.</summary>
    internal static Instant ParseAsOf(string? text)
    {
        if (text is null) return SystemClock.Instance.GetCurrentInstant();
        var date = LocalDatePattern.Iso.Parse(text.Trim());
        if (date.Success) return date.Value.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var instant = OffsetDateTimePattern.ExtendedIso.Parse(text.Trim());
        if (instant.Success) return instant.Value.ToInstant();
        throw new CliUsageException($"--as-of: '{text}' is not a date (2026-11-25) or an instant with offset (2026-11-25T09:30:00+01:00)");
    }
}
