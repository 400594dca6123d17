using System.Data.Common;
using NodaTime;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Analytics;

/// <summary>
/// A random history of what the tracking sheet reads, arriving in batches: leads (segments and lead
/// types spelled several ways), stage changes, and deals (won, lost or open; with or without an
/// amount, a close, a currency or a lead; few deal ids, so a later write of one is a correction or
/// moves it to another lead), written out of order, and leads deleted, restored and merged, over two
/// sources. Times cluster around month starts in New York and Berlin, where a cohort or a close
/// changes month. Built from a seed so a failing case can be replayed.
/// </summary>
public sealed class SheetHistory
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 0, 0);

    private SheetHistory(int seed, IReadOnlyList<IReadOnlyList<Func<DbConnection, long, Task>>> batches, string description)
    {
        Seed = seed;
        Batches = batches;
        Description = description;
    }

    public int Seed { get; }

    /// <summary>Each batch writes its records stamped with the time it is given.</summary>
    public IReadOnlyList<IReadOnlyList<Func<DbConnection, long, Task>>> Batches { get; }

    public string Description { get; }

    public override string ToString() => $"seed {Seed}: {Description}";

    public static SheetHistory From(int seed)
    {
        var random = new Random(seed);
        // Half the histories write as Tandem's writers do (projecting in the writer's transaction), half as raw writes.
        var project = seed / 2 % 2 == 1;
        T Pick<T>(params T[] options) => options[random.Next(options.Length)];
        long At()
        {
            if (random.Next(10) < 3)
            {
                // Near a month's first midnight in New York or Berlin (UTC-5/-4, UTC+1/+2).
                var month = Start.InUtc().Date.PlusMonths(random.Next(0, 11));
                return (month.AtMidnight().InUtc().ToInstant() + Duration.FromMinutes(Pick(-360, -300, -240, 0, 60, 120) + random.Next(-3, 4))).ToUnixTimeMilliseconds();
            }
            return (Start + Duration.FromMinutes(random.Next(0, 320 * 24 * 60))).ToUnixTimeMilliseconds();
        }
        var leads = Enumerable.Range(1, random.Next(2, 8)).Select(i => $"L{i}").ToArray();
        string Source() => random.Next(6) == 0 ? "crm" : "default";
        var events = new List<(string Text, Func<DbConnection, long, Task> Write)>();
        var count = random.Next(4, 36);
        for (var i = 0; i < count; i++)
        {
            var lead = leads[random.Next(leads.Length)];
            var source = Source();
            switch (random.Next(12))
            {
                case 0 or 1:
                {
                    object?[] row = [source, lead, At(), Pick("Demo request", "ebook", "Ebook", "Referral", null), Pick("SMB", "smb ", "smb", "Enterprise", null)];
                    events.Add(($"lead {source}/{lead} {row[3]}/{row[4]}", (c, now) => Write(c, project, TableSpec.Leads, ["created_at", "lead_type", "segment"], row, now)));
                    break;
                }
                case 2 or 3 or 4:
                {
                    object?[] row = [source, lead, Pick("MQL", "SQL", "Opportunity", "Disqualified", "Lead", "mql", "won"), At(), null];
                    events.Add(($"stage {source}/{lead} {row[2]}", (c, now) => Write(c, project, TableSpec.StageChanges, ["rep"], row, now)));
                    break;
                }
                case 5 or 6 or 7 or 8:
                {
                    // Few deal ids: a later write of one corrects it, or moves it to another lead or to none.
                    object?[] row = [source, $"D{random.Next(1, 7)}", random.Next(8) == 0 ? null : random.Next(8) == 0 ? "Lghost" : lead,
                        Pick<long?>(null, 10_000_000L, 25_005_000L, 0L, 1L), Pick(null, "USD", "usd", "EUR"), Pick("won", "won", "lost", "open"), random.Next(5) == 0 ? null : At()];
                    events.Add(($"deal {source}/{row[1]} of {row[2] ?? "none"} {row[5]} {row[3]?.ToString() ?? "-"} {row[4] ?? "-"}",
                        (c, now) => Write(c, project, TableSpec.Deals, ["lead_id", "amount_e4", "currency", "status", "closed_at"], row, now)));
                    break;
                }
                case 9:
                    events.Add(($"delete/restore {source}/{lead}", async (c, now) =>
                    {
                        if (await LeadOperations.DeleteAsync(c, source, lead, now) != LeadChange.Done) await LeadOperations.RestoreAsync(c, source, lead, now);
                    }));
                    break;
                default:
                {
                    var into = leads[random.Next(leads.Length)];
                    events.Add(($"merge {source}/{lead} into {into}", async (c, now) =>
                    {
                        try { await LeadOperations.MergeAsync(c, source, lead, into, now); }
                        catch (ArgumentException) { } // a missing lead or a loop: refused, nothing written
                    }));
                    break;
                }
            }
        }
        var batches = new List<IReadOnlyList<Func<DbConnection, long, Task>>>();
        for (var i = 0; i < events.Count;)
        {
            var size = random.Next(1, 6);
            // Each write of a batch gets its own stamp, as separate requests would.
            batches.Add([.. events.Skip(i).Take(size).Select((e, j) => (Func<DbConnection, long, Task>)((c, now) => e.Write(c, now + j)))]);
            i += size;
        }
        return new SheetHistory(seed, batches, string.Join("; ", events.Select(e => e.Text)));
    }

    private static async Task Write(DbConnection connection, bool project, TableSpec table, string[] fields, object?[] row, long now)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await UpsertWriter.WriteAsync(tx, table, fields, [row], now);
        // The writers project in their own transaction; a history of raw writes leaves it to the catch-up.
        if (project) await Projection.Projector.ProjectWrittenAsync(connection, tx, now, Instant.FromUnixTimeMilliseconds(now));
        await tx.CommitAsync();
    }
}
