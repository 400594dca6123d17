using System.Data.Common;
using NodaTime;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Deliverables;

/// <summary>
/// A random history of campaign leads and the records their follow-up depends on, arriving in
/// batches: campaign leads (corrected to respond at another time, of leads never stored), touches
/// (around a response, before and after it, on its 48-hour deadline to the millisecond, corrected to another lead), leads
/// created, deleted, restored and merged. Times fall on whole hours, so that a touch lands exactly
/// on a 48-hour deadline now and then. Half the histories write as Tandem's writers do (projecting
/// in the writer's transaction), half as raw writes left to the catch-up. Built from a seed.
/// </summary>
public sealed class CampaignHistory
{
    public static readonly Instant Start = Instant.FromUtc(2026, 10, 1, 13, 0);

    private CampaignHistory(int seed, IReadOnlyList<IReadOnlyList<Func<DbConnection, long, Task>>> batches, string description) =>
        (Seed, Batches, Description) = (seed, batches, description);

    public int Seed { get; }

    /// <summary>Each batch writes its records stamped with the time it is given.</summary>
    public IReadOnlyList<IReadOnlyList<Func<DbConnection, long, Task>>> Batches { get; }

    public string Description { get; }

    public override string ToString() => $"seed {Seed}: {Description}";

    public static CampaignHistory From(int seed)
    {
        var random = new Random(seed);
        var project = seed % 2 == 1;
        long At() => (Start + Duration.FromHours(random.Next(0, 40 * 24))).ToUnixTimeMilliseconds();
        var leads = Enumerable.Range(1, random.Next(2, 4)).Select(i => $"L{i}").ToArray();
        var responses = new List<long>();
        var events = new List<(string Text, Func<DbConnection, long, Task> Write)>();
        var count = random.Next(4, 36);
        for (var i = 0; i < count; i++)
        {
            var lead = leads[random.Next(leads.Length)];
            switch (random.Next(10))
            {
                case 0 or 1:
                {
                    object?[] row = ["default", lead, At()];
                    events.Add(($"lead {lead}", (c, now) => Write(c, project, TableSpec.Leads, ["created_at"], row, now)));
                    break;
                }
                case 2 or 3:
                {
                    // Few campaign lead keys, so a later write is a correction of the response time; L9 is never stored.
                    var responded = At();
                    responses.Add(responded);
                    object?[] row = ["default", $"C{random.Next(1, 3)}", random.Next(8) == 0 ? "L9" : lead, responded];
                    events.Add(($"campaign {row[1]} {row[2]}", (c, now) => Write(c, project, TableSpec.CampaignLeads, ["responded_at"], row, now)));
                    break;
                }
                case 4 or 5 or 6:
                {
                    // Most touches come around a response: some exactly 48 hours after it, or a millisecond later.
                    var response = responses.Count > 0 ? responses[random.Next(responses.Count)] : At();
                    var at = random.Next(3) switch
                    {
                        0 => response + 48 * 3_600_000L + random.Next(2),
                        1 => response + random.Next(-5, 60) * 3_600_000L,
                        _ => At(),
                    };
                    object?[] row = ["default", $"T{random.Next(1, 7)}", random.Next(8) == 0 ? "L9" : lead, null, "call", at, "no_answer"];
                    events.Add(($"touch {row[1]} {row[2]}", (c, now) => Write(c, project, TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"], row, now)));
                    break;
                }
                case 7:
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
            batches.Add([.. events.Skip(i).Take(size).Select((e, j) => (Func<DbConnection, long, Task>)((c, now) => e.Write(c, now + j)))]);
            i += size;
        }
        return new CampaignHistory(seed, batches, string.Join("; ", events.Select(e => e.Text)));
    }

    private static async Task Write(DbConnection connection, bool project, TableSpec table, string[] fields, object?[] row, long now)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await UpsertWriter.WriteAsync(tx, table, fields, [row], now);
        if (project) await Projection.Projector.ProjectWrittenAsync(connection, tx, now, Instant.FromUnixTimeMilliseconds(now));
        await tx.CommitAsync();
    }
}
