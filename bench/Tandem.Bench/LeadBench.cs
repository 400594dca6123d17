using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using NodaTime;
using Npgsql;
using Tandem.Data.Agreements;
using Tandem.Data.Leads;
using Tandem.Data.Store;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Bench;

/// <summary>
/// Lead search and the lead list (issue 21) timed in process on an existing, projected database
/// (<c>--keep FILE.db</c> or <c>--database CONNSTRING</c>): searches by a prefix of a name, an
/// e-mail, a company and an id (and as a sales rep), and the list's first and second pages with
/// their count for the last whole month, unfiltered and with the filters figures link with, and the
/// lists of leads entering the funnel's first two stages that month. Each
/// read runs once cold and <c>--repeat</c> times warm; the query plans are printed first.
/// </summary>
public static class LeadBench
{
    public static async Task RunAsync(BenchOptions options)
    {
        var target = options.Database is { } connection
            ? new DatabaseTarget(DatabaseKind.Postgres, new NpgsqlConnectionStringBuilder(connection).ConnectionString)
            : DatabaseTarget.SqliteFile(options.Keep ?? throw new InvalidOperationException("leads needs --keep FILE.db or --database CONNSTRING (a projected database)"));
        var watch = Stopwatch.StartNew();
        await using var database = new TandemDatabase(target);
        await using var db = await database.OpenAsync();
        Console.WriteLine($"# opened (migrations applied) in {watch.Elapsed.TotalMilliseconds:0.0} ms; load average {Load()}");
        var stored = await AgreementStore.ActiveAsync(db) ?? throw new InvalidOperationException("no agreement is stored");
        var agreement = AgreementFile.Parse(stored.Content, "stored");
        var now = SystemClock.Instance.GetCurrentInstant();
        var today = now.InZone(agreement.Calendar.Zone).Date;
        var month = Period.Month(today.Year, today.Month).Plus(-1);
        var leads = await Scalar(db, "SELECT COUNT(*) FROM leads");
        var (name, email, company, id, rep) = (await Text(db, "SELECT name FROM leads WHERE name IS NOT NULL ORDER BY id LIMIT 1"),
            await Text(db, "SELECT email FROM leads WHERE email IS NOT NULL ORDER BY id DESC LIMIT 1"), await Text(db, "SELECT company FROM leads WHERE company IS NOT NULL ORDER BY id LIMIT 1"),
            await Text(db, "SELECT id FROM leads ORDER BY id DESC LIMIT 1"), await Text(db, "SELECT rep FROM handoff_facts ORDER BY source, lead_id LIMIT 1"));
        Console.WriteLine($"# {leads:N0} leads; month {month}; rep {rep}");
        if (db is not NpgsqlConnection)
        {
            Console.WriteLine("# plans (SQLite EXPLAIN QUERY PLAN):");
            await Plan(db, "SELECT source, id FROM leads WHERE lower(name) >= lower('kwa') AND lower(name) < lower('kwa') || char(1114111) AND forgotten_at IS NULL");
            await Plan(db, $"SELECT COUNT(*) FROM handoff_facts f WHERE f.handoff_day >= {Tandem.Data.Analytics.ReportFactRows.DayOf(month.Start)} AND f.handoff_day < {Tandem.Data.Analytics.ReportFactRows.DayOf(month.End)} AND lower(f.rep) = lower('{rep}')");
        }
        var repeat = Math.Max(1, options.Repeat);
        Console.WriteLine("| read | cold | warm median | warm max | runs | rows / count |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (label, q, viewer) in new[]
        {
            ($"search a name's first 3 letters ('{name[..3]}')", name[..3], (string?)null), ($"search a name's first letter ('{name[..1]}')", name[..1], null),
            ("search a whole e-mail", email, null), ($"search a company ('{company}')", company, null), ("search an id", id, null),
            ($"search a name's first 3 letters as sales rep {rep}", name[..3], rep),
        })
            await TimeAsync(label, repeat, async () => { var p = await LeadSearch.FindAsync(db, q, viewer); return $"{p.Hits.Count} / {p.Count:N0}"; });
        var all = new LeadListFilter(month.Start, month.End);
        LeadListFilter[] filters =
        [
            all, all with { Touched = false }, all with { Rep = rep, Sort = LeadListSort.WorkingMinutes }, all with { State = Tandem.Domain.Clocks.ClockState.Breached },
            all with { Segment = "SMB", Within = false }, all with { Viewer = rep }, all with { ReachedWithin = 7, Reached = false },
        ];
        foreach (var filter in filters)
        {
            var label = $"list {month}{Describe(filter)}";
            await TimeAsync(label + ": first page + count", repeat, async () => { var p = await LeadListQuery.PageAsync(db, filter, now); return $"{p.Rows.Count} / {p.Count:N0}"; });
            var first = await LeadListQuery.PageAsync(db, filter, now);
            if (first.Next is { } next)
                await TimeAsync(label + ": second page + count", repeat, async () => { var p = await LeadListQuery.PageAsync(db, filter, now, next); return $"{p.Rows.Count} / {p.Count:N0}"; });
        }
        // Lists of leads: the funnel's first stage (pacing's delivered) and the next, in the month.
        var funnel = Tandem.Data.Analytics.SheetReader.FunnelOf(agreement);
        var marketing = agreement.Plan.LeadTypes.Where(t => t.Origin == Tandem.Domain.Planning.LeadOrigin.Marketing).Select(t => t.Name).ToList();
        foreach (var (stage, first) in funnel.Take(2).Select((s, i) => (s, i == 0)))
        {
            var entries = new LeadEntryFilter(month.Start, month.End, stage, first) { LeadTypes = first && marketing.Count > 0 ? marketing : null };
            await TimeAsync($"leads entering {stage} in {month}{(entries.LeadTypes is null ? "" : ", marketing's")}: first page + count", repeat,
                async () => { var p = await LeadEntryQuery.PageAsync(db, entries, agreement.Calendar.Zone); return $"{p.Rows.Count} / {p.Count:N0}"; });
        }
        Console.WriteLine($"# load average after: {Load()}");
    }

    private static string Describe(LeadListFilter f) =>
        (f.Touched == false ? ", never touched" : "") + (f.Rep is { } r ? $", rep {r}, by working minutes" : "") + (f.State is { } s ? $", clock {s}" : "")
        + (f.Segment is { } g ? $", segment {g}, not within" : "") + (f.Viewer is { } v ? $", as sales rep {v}" : "")
        + (f.ReachedWithin is { } d ? $", not reached at {d} days" : "");

    private static async Task TimeAsync(string name, int repeat, Func<Task<string>> read)
    {
        var cold = Stopwatch.StartNew();
        var result = await read();
        cold.Stop();
        var warm = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            await read();
            warm.Add(watch.Elapsed.TotalMilliseconds);
        }
        warm.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {cold.Elapsed.TotalMilliseconds:0.0} ms | {warm[warm.Count / 2]:0.0} ms | {warm[^1]:0.0} ms | {repeat} | {result} |"));
    }

    private static async Task Plan(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) Console.WriteLine($"#   {reader.GetString(3)}");
    }

    private static async Task<long> Scalar(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<string> Text(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
