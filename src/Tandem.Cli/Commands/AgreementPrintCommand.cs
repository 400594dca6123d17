using System.CommandLine;
using Tandem.Data.Store;
using Tandem.Reports;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem agreement print (--pdf FILE | --html FILE) [--version N]</c>: the agreement as a document to sign or file.</summary>
public static class AgreementPrintCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create(TextWriter output)
    {
        var version = new Option<long?>("--version") { Description = "The version to print (default: the active one)." };
        var pdf = new Option<string?>("--pdf") { Description = "Write a PDF here (printed by headless Chromium)." };
        var html = new Option<string?>("--html") { Description = "Write a standalone HTML page here." };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var database = DatabaseOption.Create();
        var command = new Command("print", "Write the agreement in plain language as a PDF or an HTML page, with its signatures.") { version, pdf, html, force, database };
        command.SetAction(async (parse, cancel) =>
        {
            var pdfPath = parse.GetValue(pdf);
            var htmlPath = parse.GetValue(html);
            if (pdfPath is null == htmlPath is null) throw new CliUsageException("give one of --pdf FILE or --html FILE");
            var path = (pdfPath ?? htmlPath)!;
            if (File.Exists(path) && !parse.GetValue(force)) throw new CliUsageException($"{path}: exists; pass --force to replace it");
            await using var session = await AgreementLifecycleCommands.Session.OpenAsync(parse, database, cancel).ConfigureAwait(false);
            var stored = await session.VersionAsync(parse.GetValue(version), cancel).ConfigureAwait(false);
            var agreement = AgreementLifecycle.Parse(stored);
            var facts = await AgreementPrint.FactsAsync(session.Connection, stored, agreement, cancel).ConfigureAwait(false);
            var page = AgreementHtml.Page(AgreementDocument.Build(agreement), facts);
            byte[] bytes;
            try
            {
                bytes = pdfPath is null ? new System.Text.UTF8Encoding(false).GetBytes(page) : await ChromiumPdf.PrintAsync(page, cancel).ConfigureAwait(false);
            }
            catch (PdfUnavailableException e)
            {
                throw new CliUsageException(e.Message);
            }
            try
            {
                await File.WriteAllBytesAsync(path, bytes, cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"{path}: cannot be written ({e.Message})");
            }
            await output.WriteLineAsync($"wrote agreement #{stored.Id} ({facts.Status}) to {path} ({bytes.Length:N0} bytes)").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
