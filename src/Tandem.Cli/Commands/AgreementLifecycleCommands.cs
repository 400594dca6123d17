using System.CommandLine;
using System.Data.Common;
using System.Text.Json;
using NodaTime;
using Tandem.Cli.Output;
using Tandem.Data.Store;
using Tandem.Data.UseCases;
using Tandem.Domain.Agreements;
using Tandem.Reports;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Cli.Commands;

/// <summary>
/// The agreement's lifecycle on the command line: <c>history</c>, <c>show</c>, <c>diff</c>,
/// <c>propose</c>, <c>sign</c> and <c>activate</c>. The rules (who signs what, which status moves
/// to which) live in <see cref="AgreementLifecycle"/>; these verbs only read options and print.
/// </summary>
public static class AgreementLifecycleCommands
{
    /// <summary><c>tandem agreement history</c>: every version, newest first, with its signatures.</summary>
    public static Command History(TextWriter output)
    {
        var database = DatabaseOption.Create();
        var format = FormatOption.Create();
        var zone = ZoneOption.Create();
        var command = new Command("history", "List every version of the agreement, newest first, with its status and signatures.") { database, zone, format };
        command.SetAction(async (parse, cancel) =>
        {
            await using var session = await Session.OpenAsync(parse, database, cancel).ConfigureAwait(false);
            var timeZone = ZoneOption.Resolve(parse.GetValue(zone));
            var documents = new List<VersionDocument>();
            foreach (var version in await AgreementStore.ListAsync(session.Connection, cancel).ConfigureAwait(false))
                documents.Add(await DocumentAsync(session.Connection, version, timeZone, cancel).ConfigureAwait(false));
            if (parse.GetValue(format) == FormatOption.Json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(documents, CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            if (documents.Count == 0)
            {
                await output.WriteLineAsync("no agreement is stored; store one with: tandem agreement import FILE").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var table = new TextTable("version", "status", "period", "active for", "next review", "signatures", "stored", "note");
            foreach (var d in documents)
                table.Row($"#{d.Id}", d.Status, d.Period, Range(d), d.NextReview ?? "", Signatures(d), d.StoredAt, d.Note ?? "");
            table.Write(output);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>tandem agreement show [--version N]</c>: the agreement in plain language, with its status and signatures.</summary>
    public static Command Show(TextWriter output)
    {
        var version = VersionOption("The version to show (default: the active one).");
        var database = DatabaseOption.Create();
        var format = FormatOption.Create();
        var zone = ZoneOption.Create();
        var command = new Command("show", "The agreement in plain language: who commits to what, how it is measured, what happens when it is missed.") { version, database, zone, format };
        command.SetAction(async (parse, cancel) =>
        {
            await using var session = await Session.OpenAsync(parse, database, cancel).ConfigureAwait(false);
            var stored = await session.VersionAsync(parse.GetValue(version), cancel).ConfigureAwait(false);
            var agreement = AgreementLifecycle.Parse(stored);
            var document = AgreementDocument.Build(agreement);
            var summary = await DocumentAsync(session.Connection, stored, ZoneOption.Resolve(parse.GetValue(zone)), cancel).ConfigureAwait(false);
            if (parse.GetValue(format) == FormatOption.Json)
            {
                var json = new { version = summary, title = document.Title, covers = document.Covers, sections = document.Sections };
                await output.WriteLineAsync(JsonSerializer.Serialize(json, CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            await output.WriteLineAsync($"Version #{summary.Id}, {summary.Status}{(Range(summary) is { Length: > 0 } r ? $", active for {r}" : "")}; text SHA-256 {summary.ContentHash}").ConfigureAwait(false);
            if (summary.NextReview is { } review)
                await output.WriteLineAsync($"Next review: {review} (every {agreement.ReviewMonths} month{(agreement.ReviewMonths == 1 ? "" : "s")} from its activation; the signatories and admins with an e-mail get a reminder)").ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteAsync(document.ToText()).ConfigureAwait(false);
            if (agreement.Signatories.Count > 0)
            {
                await output.WriteLineAsync("\nSignatures\n----------").ConfigureAwait(false);
                foreach (var signatory in agreement.Signatories)
                {
                    var signature = summary.Signatures.FirstOrDefault(s => s.Valid && string.Equals(s.Name, signatory.Name, StringComparison.OrdinalIgnoreCase));
                    await output.WriteLineAsync($"- {signatory.Name} ({Signatory.Word(signatory.Side)}): {(signature is null ? "not signed" : $"signed {signature.SignedAt}")}").ConfigureAwait(false);
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>tandem agreement diff A B</c>: what changed between two versions.</summary>
    public static Command Diff(TextWriter output)
    {
        var from = new Argument<long>("from") { Description = "The earlier version's number." };
        var to = new Argument<long?>("to") { Description = "The later version's number (default: the latest version).", Arity = ArgumentArity.ZeroOrOne };
        var database = DatabaseOption.Create();
        var format = FormatOption.Create();
        var command = new Command("diff", "What changed between two versions: the terms in plain language, then the file's lines.") { from, to, database, format };
        command.SetAction(async (parse, cancel) =>
        {
            await using var session = await Session.OpenAsync(parse, database, cancel).ConfigureAwait(false);
            var a = await AgreementStore.RequireAsync(session.Connection, parse.GetValue(from), cancel).ConfigureAwait(false);
            var b = parse.GetValue(to) is { } id
                ? await AgreementStore.RequireAsync(session.Connection, id, cancel).ConfigureAwait(false)
                : (await AgreementStore.LatestAsync(session.Connection, cancel).ConfigureAwait(false))!;
            var diff = AgreementDiff.Compare(AgreementLifecycle.Parse(a), AgreementLifecycle.Parse(b));
            if (parse.GetValue(format) == FormatOption.Json)
                await output.WriteLineAsync(JsonSerializer.Serialize(DiffDocument.Of(a.Id, b.Id, diff), CliJson.Options)).ConfigureAwait(false);
            else
                await output.WriteAsync(diff.ToText(a.Id, b.Id)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>tandem agreement propose N</c>: a draft goes to its signatories.</summary>
    public static Command Propose(TextWriter output)
    {
        var version = new Argument<long>("version") { Description = "The draft's number." };
        var database = DatabaseOption.Create();
        var format = FormatOption.Create();
        var zone = ZoneOption.Create();
        var command = new Command("propose", "Put a draft to its signatories: its text is then what they sign.") { version, database, zone, format };
        command.SetAction(async (parse, cancel) =>
        {
            await using var session = await Session.OpenAsync(parse, database, cancel).ConfigureAwait(false);
            var stored = await AgreementLifecycle.ProposeAsync(session.Connection, parse.GetValue(version), SystemClock.Instance.GetCurrentInstant(), cancel).ConfigureAwait(false);
            var document = await DocumentAsync(session.Connection, stored, ZoneOption.Resolve(parse.GetValue(zone)), cancel).ConfigureAwait(false);
            await WriteAsync(output, parse.GetValue(format), document, document.Missing.Count == 0
                ? $"proposed agreement #{document.Id}; it names no signatories, so next: tandem agreement activate {document.Id}"
                : $"proposed agreement #{document.Id} for signing by {string.Join(", ", document.Missing)}; each signs with: tandem agreement sign {document.Id} --as NAME").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>tandem agreement sign N --as NAME</c>: one signatory signs the proposed text.</summary>
    public static Command Sign(TextWriter output)
    {
        var version = new Argument<long>("version") { Description = "The proposed version's number." };
        var name = new Option<string>("--as") { Description = "The signatory's name, as the agreement spells it.", Required = true };
        var database = DatabaseOption.Create();
        var format = FormatOption.Create();
        var zone = ZoneOption.Create();
        var command = new Command("sign", "Sign a proposed version as one of its named signatories; the signature binds to its exact text.") { version, name, database, zone, format };
        command.SetAction(async (parse, cancel) =>
        {
            await using var session = await Session.OpenAsync(parse, database, cancel).ConfigureAwait(false);
            var id = parse.GetValue(version);
            var outcome = await AgreementLifecycle.SignAsync(session.Connection, id, parse.GetValue(name)!, AgreementCommand.Operator, SystemClock.Instance.GetCurrentInstant(), cancel).ConfigureAwait(false);
            var timeZone = ZoneOption.Resolve(parse.GetValue(zone));
            var s = outcome.Signature;
            if (parse.GetValue(format) == FormatOption.Json)
            {
                var json = new { id, signatory = s.Name, side = Signatory.Word(s.Side), signedAt = TimeOutput.Format(s.SignedAt, timeZone), contentHash = s.ContentHash,
                    status = AgreementStatuses.Word(outcome.Status), missing = outcome.Missing.Select(m => m.Name).ToList() };
                await output.WriteLineAsync(JsonSerializer.Serialize(json, CliJson.Options)).ConfigureAwait(false);
            }
            else
                await output.WriteLineAsync($"{s.Name} signed agreement #{id} for {Signatory.Word(s.Side)} at {TimeOutput.Format(s.SignedAt, timeZone)} (text SHA-256 {s.ContentHash[..12]}...); " +
                    (outcome.Missing.Count == 0 ? $"every signatory has signed, so next: tandem agreement activate {id}" : $"waiting for {string.Join(", ", outcome.Missing.Select(m => m.Name))}")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>tandem agreement activate N [--from P] [--until P]</c>: a signed version comes into force.</summary>
    public static Command Activate(TextWriter output)
    {
        var version = new Argument<long>("version") { Description = "The signed version's number." };
        var from = new Option<string?>("--from") { Description = "First period it is active for (default: its own period, or the current one once that has passed)." };
        var until = new Option<string?>("--until") { Description = "Last period it is active for (default: until a later version is activated)." };
        var database = DatabaseOption.Create();
        var format = FormatOption.Create();
        var zone = ZoneOption.Create();
        var command = new Command("activate", "Put a signed version in force from now (the clocks switch at once); the active version before it is superseded.") { version, from, until, database, zone, format };
        command.SetAction(async (parse, cancel) =>
        {
            await using var session = await Session.OpenAsync(parse, database, cancel).ConfigureAwait(false);
            var result = await ActivateAgreement.RunAsync(session.Connection, new AgreementActivation(parse.GetValue(version), parse.GetValue(from), parse.GetValue(until)), SystemClock.Instance, cancel).ConfigureAwait(false);
            // A refusal is a usage error, each problem on its own line by its flag.
            var stored = result.Active ?? throw new CliUsageException(string.Join(Environment.NewLine + "tandem: ", result.Problems.Select(FlagWords.Text)));
            // The new terms can move every clock: the command ends with them re-clocked.
            await DerivedData.CatchUpAsync(session.Connection, parse, cancel).ConfigureAwait(false);
            var document = await DocumentAsync(session.Connection, stored, ZoneOption.Resolve(parse.GetValue(zone)), cancel).ConfigureAwait(false);
            await WriteAsync(output, parse.GetValue(format), document, $"agreement #{document.Id} is the active agreement, for {Range(document)}, in force since {document.ActivatedAt}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<long?> VersionOption(string description) => new("--version") { Description = description };

    private static async Task<VersionDocument> DocumentAsync(DbConnection connection, StoredAgreement version, DateTimeZone zone, CancellationToken cancel)
    {
        Agreement? agreement;
        try
        {
            agreement = AgreementLifecycle.Parse(version);
        }
        catch (Data.Agreements.AgreementFileException)
        {
            agreement = null; // written by a newer Tandem: listed, not judged
        }
        var signatures = await AgreementStore.SignaturesAsync(connection, version.Id, cancel).ConfigureAwait(false);
        return VersionDocument.Of(version, agreement, signatures, zone, SystemClock.Instance.GetCurrentInstant());
    }

    private static async Task WriteAsync(TextWriter output, string? format, VersionDocument document, string line)
    {
        if (format == FormatOption.Json) await output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options)).ConfigureAwait(false);
        else await output.WriteLineAsync(line).ConfigureAwait(false);
    }

    private static string Range(VersionDocument d) => d.EffectiveFrom is null ? "" : d.EffectiveTo is null ? $"{d.EffectiveFrom} on" : d.EffectiveTo == d.EffectiveFrom ? d.EffectiveFrom : $"{d.EffectiveFrom} to {d.EffectiveTo}";

    private static string Signatures(VersionDocument d)
    {
        var valid = d.Signatures.Count(s => s.Valid);
        var needed = valid + d.Missing.Count;
        return needed == 0 ? "none needed" : $"{valid} of {needed}";
    }

    /// <summary>An open store for one verb.</summary>
    internal sealed class Session : IAsyncDisposable
    {
        private readonly TandemDatabase _db;

        private Session(TandemDatabase db, DbConnection connection, DatabaseTarget target)
        {
            _db = db;
            Connection = connection;
            Target = target;
        }

        public DbConnection Connection { get; }

        public DatabaseTarget Target { get; }

        public static async Task<Session> OpenAsync(ParseResult parse, Option<string?> database, CancellationToken cancel)
        {
            var target = DatabaseLocation.Resolve(parse.GetValue(database));
            var db = new TandemDatabase(target);
            try
            {
                var connection = await DatabaseErrors.Guard(target, () => db.OpenAsync(cancel)).ConfigureAwait(false);
                return new Session(db, connection, target);
            }
            catch
            {
                await db.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>Version <paramref name="id"/>, or the active one.</summary>
        public async Task<StoredAgreement> VersionAsync(long? id, CancellationToken cancel) => id is { } v
            ? await AgreementStore.RequireAsync(Connection, v, cancel).ConfigureAwait(false)
            : await AgreementStore.ActiveAsync(Connection, cancel).ConfigureAwait(false)
              ?? throw new CliUsageException($"no agreement is active in {Target.Display()}; name a version with --version (tandem agreement history lists them)");

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
            await _db.DisposeAsync().ConfigureAwait(false);
        }
    }
}
