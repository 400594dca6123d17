using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Tandem.Reports;

namespace Tandem.Web.Pages;

/// <summary>
/// A list of any length answered as a file (the lead list's and the breach queue's downloads): the
/// content type, a file name made of <c>stem</c>'s letters and digits, and the rows written as
/// read through <see cref="StreamedExport"/> (CSV as the CLI writes it: UTF-8, no byte-order mark).
/// </summary>
public static class StreamedDownload
{
    /// <summary>Writes <paramref name="rows"/> under <paramref name="columns"/> to <paramref name="response"/> as <paramref name="format"/> (csv, xlsx).</summary>
    public static async Task WriteAsync(HttpResponse response, string format, string stem, string sheet, IReadOnlyList<ReportColumn> columns,
        IAsyncEnumerable<object?[]> rows, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(stem);
        response.ContentType = format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
        var file = new StringBuilder();
        foreach (var c in stem.ToLowerInvariant()) file.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"{file}.{format}" }.ToString();
        if (format == "xlsx")
        {
            await StreamedExport.WriteXlsxAsync(response.Body, sheet, columns, rows, cancel).ConfigureAwait(false);
            return;
        }
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);
        await StreamedExport.WriteCsvAsync(writer, columns, rows, cancel).ConfigureAwait(false);
        await writer.FlushAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Each row of <paramref name="rows"/> as its cells.</summary>
    public static async IAsyncEnumerable<object?[]> Select<T>(IAsyncEnumerable<T> rows, Func<T, object?[]> cells)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cells);
        await foreach (var row in rows.ConfigureAwait(false)) yield return cells(row);
    }
}
