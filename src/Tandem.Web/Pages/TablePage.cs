using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Tandem.Reports;

namespace Tandem.Web.Pages;

/// <summary>
/// A report page whose tables download (issue 21): <c>?format=csv</c> or <c>?format=xlsx</c> on the
/// page's own address, with its period and segment, answers the page's report tables in the files
/// <c>tandem report ... --format csv|xlsx</c> writes (the same <see cref="CsvExport"/> and
/// <see cref="XlsxExport"/>, formulas neutralised); <c>&amp;table=NAME</c> keeps one of them.
/// The download reads what the page reads, under the page's own roles, and writes nothing.
/// </summary>
public abstract class TablePage(PageData data) : TandemPage(data)
{
    /// <summary>The download format asked for (csv, xlsx), or null for the page.</summary>
    [BindProperty(SupportsGet = true, Name = "format")]
    public string? Format { get; set; }

    /// <summary>The one table to download, by its name (<see cref="ReportTable.Name"/>), or null for all the page's.</summary>
    [BindProperty(SupportsGet = true, Name = "table")]
    public string? Table { get; set; }

    /// <summary>The page's name in a downloaded file's name (tandem-pacing-2026-11.csv).</summary>
    protected abstract string FileStem { get; }

    /// <summary>Whether the request asks for a file rather than the page.</summary>
    public bool Downloading => Format is not null;

    /// <summary>The address of a table's download: the page's period and segment, the format, and the table when one.</summary>
    public string DownloadLink(string format, string? table) =>
        Keep + $"&format={format}" + (table is null ? "" : $"&table={Uri.EscapeDataString(table)}");

    /// <summary>
    /// A 400 problem when the format is not one the page writes, checked before any figure is read;
    /// null when the request is the page itself or a known format.
    /// </summary>
    protected async Task<IActionResult?> RefuseFormatAsync()
    {
        if (Format is null or "csv" or "xlsx") return null;
        await Problems.Write(HttpContext, StatusCodes.Status400BadRequest, "Unknown format", $"format: '{Format}' is not csv or xlsx").ConfigureAwait(false);
        return new EmptyResult();
    }

    /// <summary>
    /// Answers the download of <paramref name="tables"/> (all, or the one <see cref="Table"/> names):
    /// a 400 problem naming the field when the page has a problem (period, segment) or the table is
    /// not one of the page's; else the file, streamed.
    /// </summary>
    protected async Task<IActionResult> DownloadAsync(IReadOnlyList<ReportTable> tables, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (Problem is not null)
        {
            var field = Problem.StartsWith("Segment", StringComparison.Ordinal) ? "segment" : Problem.StartsWith("Period", StringComparison.Ordinal) ? "period" : "agreement";
            await Problems.Write(HttpContext, StatusCodes.Status400BadRequest, "No figures to download", $"{field}: {Problem}").ConfigureAwait(false);
            return new EmptyResult();
        }
        if (Table is not null)
        {
            var one = tables.FirstOrDefault(t => string.Equals(t.Name, Table, StringComparison.OrdinalIgnoreCase));
            if (one is null)
            {
                await Problems.Write(HttpContext, StatusCodes.Status400BadRequest, "Unknown table",
                    $"table: '{Table}' is not one of this page's ({string.Join(", ", tables.Select(t => t.Name))})").ConfigureAwait(false);
                return new EmptyResult();
            }
            tables = [one];
        }
        var response = HttpContext.Response;
        response.ContentType = Format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = FileName(Table is null ? null : tables[0].Name) }.ToString();
        if (Format == "xlsx")
        {
            // A workbook is a zip the Open XML SDK writes synchronously and needs to seek in: it is
            // built in memory (a report's tables are a period's days, reps and commitments, tens of
            // kilobytes) and then streamed.
            using var buffer = new MemoryStream();
            XlsxExport.Write(buffer, tables);
            buffer.Position = 0;
            response.ContentLength = buffer.Length;
            await buffer.CopyToAsync(response.Body, cancel).ConfigureAwait(false);
        }
        else
        {
            // The CLI's bytes (UTF-8, no byte-order mark), row by row as they are written.
            await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);
            await CsvExport.WriteAsync(writer, tables, cancel).ConfigureAwait(false);
            await writer.FlushAsync(cancel).ConfigureAwait(false);
        }
        return new EmptyResult();
    }

    /// <summary>tandem-{page}-{period}[-{segment}][-{table}].{format}, letters, digits and dashes only.</summary>
    private string FileName(string? table)
    {
        var parts = new List<string> { "tandem", FileStem, Period.ToString() };
        if (Segment is not null) parts.Add(Segment);
        if (table is not null) parts.Add(table);
        var name = new StringBuilder();
        foreach (var part in parts)
        {
            if (name.Length > 0) name.Append('-');
            foreach (var c in part.ToLowerInvariant()) name.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return $"{name}.{Format}";
    }
}
