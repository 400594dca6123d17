using System.CommandLine;
using System.Globalization;
using Tandem.Cli.Commands;
using Tandem.Reports;

namespace Tandem.Cli.Output;

/// <summary>
/// The <c>--format table|json|csv|xlsx|png</c> and <c>--out FILE</c> options of the reports, and
/// where their output goes. A file is written beside its final name and moved into place only when
/// complete, so a failed report never leaves half a file; XLSX and PNG are files only.
/// </summary>
public static class ReportOutput
{
    /// <summary>Comma-separated values (RFC 4180).</summary>
    public const string Csv = "csv";

    /// <summary>An Excel workbook.</summary>
    public const string Xlsx = "xlsx";

    /// <summary>A chart image.</summary>
    public const string Png = "png";

    /// <summary>The format option; <paramref name="chart"/> says whether the report has a chart (png).</summary>
    public static Option<string> Format(bool chart)
    {
        var option = new Option<string>("--format")
        {
            Description = chart ? "Output format: table (default), json, csv, xlsx or png (the chart); xlsx and png need --out." : "Output format: table (default), json, csv or xlsx (needs --out).",
            DefaultValueFactory = _ => FormatOption.Table,
        };
        option.AcceptOnlyFromAmong(chart ? [FormatOption.Table, FormatOption.Json, Csv, Xlsx, Png] : [FormatOption.Table, FormatOption.Json, Csv, Xlsx]);
        return option;
    }

    /// <summary>The --out option.</summary>
    public static Option<string?> Out() => new("--out") { Description = "Write the report to this file instead of standard output (required for xlsx and png)." };

    /// <summary>Refuses a binary format without a file, before any work is done.</summary>
    public static void Check(string format, string? path)
    {
        if (path is null && format is Xlsx or Png) throw new CliUsageException($"--out: {format} is a binary file; name the file to write (--out report.{format})");
        if (path is not null && Directory.Exists(path)) throw new CliUsageException($"--out: '{path}' is a folder; name a file");
    }

    /// <summary>Writes the report: text formats through <paramref name="writeText"/> (table, json) or as CSV; xlsx from the tables; png from the chart.</summary>
    public static async Task WriteAsync(string format, string? path, TextWriter console, Func<TextWriter, Task> writeText, Func<IReadOnlyList<ReportTable>> tables, Func<byte[]>? chart = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(writeText);
        ArgumentNullException.ThrowIfNull(tables);
        if (path is null)
        {
            if (format == Csv) CsvExport.Write(console, tables());
            else await writeText(console).ConfigureAwait(false);
            return;
        }
        var full = Path.GetFullPath(path);
        var partial = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            await using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                switch (format)
                {
                    case Xlsx: XlsxExport.Write(stream, tables()); break;
                    case Png: await stream.WriteAsync((chart ?? throw new CliUsageException("--format: this report has no chart")).Invoke()).ConfigureAwait(false); break;
                    default:
                        await using (var text = new StreamWriter(stream, leaveOpen: true))
                        {
                            if (format == Csv) CsvExport.Write(text, tables());
                            else await writeText(text).ConfigureAwait(false);
                        }
                        break;
                }
            }
            File.Move(partial, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Said of the path the user gave: the temporary file written first is ours, not theirs.
            var folder = Path.GetDirectoryName(path) is { Length: > 0 } given ? given : ".";
            var reason = e switch
            {
                DirectoryNotFoundException => $"the folder '{folder}' does not exist",
                UnauthorizedAccessException => $"permission denied in the folder '{folder}'",
                _ => e.Message.Replace(partial, path, StringComparison.Ordinal),
            };
            throw new CliUsageException($"--out: cannot write '{path}': {reason}");
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
        await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote {path} ({new FileInfo(full).Length:N0} bytes, {format})")).ConfigureAwait(false);
    }
}
