using System.Data.Common;
using NodaTime;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Analytics;

/// <summary>
/// A random history of lead records arriving in batches: leads, stage changes and touches written
/// out of order (a touch before its lead), late (a record older than ones already stored), corrected
/// (the same key written again with other values), and leads deleted, restored and merged. Built
/// from a seed so a failing case can be replayed.
/// </summary>
public sealed class RecordHistory
{
    /// <summary>The agreement the property tests over these histories store: working-time speed, a two-step cadence, three lead types.</summary>
    public const string Agreement = """
        schemaVersion: 1
        name: SLA
        period: 2026-10
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        leadTypes:
          - name: Demo request
            quality: high
          - name: Ebook
          - name: Referral
            generatedBy: sales
        calendar:
          timeZone: America/New_York
        sales:
          speed: { firstTouchWithin: 16 hours, clock: working }
          depth:
            attempts: 4
            cadence: [{ attempts: 2, within: 2 }, { attempts: 4, within: 10 }]
        """;

    public static readonly Instant Start = Instant.FromUtc(2026, 10, 1, 13, 0);

    private RecordHistory(int seed, IReadOnlyList<IReadOnlyList<Func<DbConnection, long, Task>>> batches, string description)
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

    public static RecordHistory From(int seed)
    {
        var random = new Random(seed);
        // Half the histories write as Tandem's writers do (projecting in the writer's transaction), half as raw writes.
        var project = seed / 2 % 2 == 1;
        string Pick(params string?[] options) => options[random.Next(options.Length)]!;
        long At() => (Start + Duration.FromMinutes(random.Next(0, 40 * 24 * 60))).ToUnixTimeMilliseconds();
        var leads = Enumerable.Range(1, random.Next(2, 7)).Select(i => $"L{i}").ToArray();
        var events = new List<(string Text, Func<DbConnection, long, Task> Write)>();
        var count = random.Next(4, 30);
        for (var i = 0; i < count; i++)
        {
            var lead = leads[random.Next(leads.Length)];
            switch (random.Next(10))
            {
                case 0 or 1:
                {
                    object?[] row = ["default", lead, At(), Pick("Demo request", "ebook", "Referral", null), Pick("SMB", "smb ", "Enterprise", null), Pick("ann", "bob", null)];
                    events.Add(($"lead {lead}", (c, now) => Write(c, project, TableSpec.Leads, ["created_at", "lead_type", "segment", "owner"], row, now)));
                    break;
                }
                case 2 or 3 or 4:
                {
                    object?[] row = ["default", lead, Pick("MQL", "SQL", "Disqualified", "Lead", "mql"), At(), Pick("ann", "bob", "cy", null)];
                    events.Add(($"stage {lead}", (c, now) => Write(c, project, TableSpec.StageChanges, ["rep"], row, now)));
                    break;
                }
                case 5 or 6 or 7:
                {
                    // Few touch ids, so a later write of the same id is a correction (another lead, time or outcome).
                    object?[] row = ["default", $"T{random.Next(1, 6)}", lead, Pick("ann", "bob", null), Pick("call", "email"), At(), Pick("no_answer", "connected", "replied", null)];
                    events.Add(($"touch {row[1]} {lead}", (c, now) => Write(c, project, TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"], row, now)));
                    break;
                }
                case 8:
                    events.Add(($"delete/restore {lead}", async (c, now) =>
                    {
                        if (await LeadOperations.DeleteAsync(c, "default", lead, now) != LeadChange.Done) await LeadOperations.RestoreAsync(c, "default", lead, now);
                    }));
                    break;
                default:
                {
                    var into = leads[random.Next(leads.Length)];
                    events.Add(($"merge {lead} into {into}", async (c, now) =>
                    {
                        try { await LeadOperations.MergeAsync(c, "default", lead, into, now); }
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
        return new RecordHistory(seed, batches, string.Join("; ", events.Select(e => e.Text)));
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
