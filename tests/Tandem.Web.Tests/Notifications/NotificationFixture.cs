using System.Data.Common;
using NodaTime;
using NodaTime.Testing;
using NodaTime.Text;
using Tandem.Data.Notifications;
using Tandem.Data.Store;
using Tandem.Data.Tests;
using Tandem.Web.Notifications;

namespace Tandem.Web.Tests.Notifications;

/// <summary>
/// A database with an agreement (first touch within 30 wall-clock minutes), reps ann (with an
/// e-mail) and bob (without), and leads L1 (ann) and L2 (bob) handed off at <see cref="Handoff"/>
/// and never touched; a fake clock; and helpers to add channels and run the monitor's parts.
/// </summary>
public sealed class NotificationFixture : IAsyncDisposable
{
    public static readonly Instant Handoff = OffsetDateTimePattern.ExtendedIso.Parse("2026-11-23T10:00:00-05:00").GetValueOrThrow().ToInstant();

    private const string Agreement = """
        schemaVersion: 1
        name: SLA
        period: 2026-11
        quota: 500000
        dealSize: 2000
        closeRate: 20%
        calendar:
          timeZone: America/New_York
        sales:
          speed: { firstTouchWithin: 30 minutes, clock: wall }
        """;

    private NotificationFixture(TandemDatabase database, DbConnection connection) => (Database, Connection) = (database, connection);

    public TandemDatabase Database { get; }

    public DbConnection Connection { get; }

    public FakeClock Clock { get; } = new(Handoff);

    public static async Task<NotificationFixture> CreateAsync(DatabaseKind kind)
    {
        var database = await TestDatabases.OpenAsync(kind);
        var connection = await database.OpenAsync();
        var fixture = new NotificationFixture(database, connection);
        long ms = Handoff.ToUnixTimeMilliseconds();
        await AgreementStore.SaveAsync(connection, "SLA", "2026-11", Agreement, ms - 86_400_000);
        await fixture.WriteAsync(TableSpec.Reps, ["name", "email"], [["default", "ann", "Ann", "ann@example.com"], ["default", "bob", "Bob", null]], ms - 86_400_000);
        // A touch of the source (of a lead never stored, the day before): only a source with touch data has its handoffs clocked.
        await fixture.WriteAsync(TableSpec.Touches, ["lead_id", "rep", "channel", "at", "outcome"], [["default", "T0", "X0", "ann", "call", ms - 86_400_000, null]], ms - 86_400_000);
        await fixture.WriteAsync(TableSpec.Leads, ["created_at", "owner"], [["default", "L1", ms, "ann"], ["default", "L2", ms, "bob"]], ms);
        await fixture.WriteAsync(TableSpec.StageChanges, ["rep"], [["default", "L1", "MQL", ms, "ann"], ["default", "L2", "MQL", ms, "bob"]], ms);
        return fixture;
    }

    public async Task WriteAsync(TableSpec table, string[] fields, object?[][] rows, long now)
    {
        await using var tx = await Connection.BeginTransactionAsync();
        await UpsertWriter.WriteAsync(tx, table, fields, rows, now);
        await tx.CommitAsync();
    }

    public Task AddChannelAsync(string name, ChannelKind kind, string target, string? secret = null, string[]? states = null) =>
        NotificationChannels.AddAsync(Connection, new NotificationChannel(name, kind, target, secret,
            (states ?? ["warning", "breached"]).ToHashSet(), NotificationChannel.BothCommitments), 0);

    public NotificationDispatcher Dispatcher(SmtpSettings? smtp = null, string instance = "test") =>
        new(Database, () => new WebhookSender(new HttpClient()), new EmailSender(smtp), Clock, instance);

    public async Task<IReadOnlyList<OutboxItem>> OutboxAsync() => await Outbox.ListAsync(Connection, false, 1000, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Database.DisposeAsync();
    }
}
