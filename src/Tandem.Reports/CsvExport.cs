using System.Globalization;
using CsvHelper;

namespace Tandem.Reports;

/// <summary>
/// Writes report tables as CSV (RFC 4180, invariant culture): one header row per table, numbers at
/// full precision (shares as fractions of 1), empty where nothing was measured. Several tables are
/// separated by a blank line and each starts with its title in a row of its own.
/// </summary>
public static class CsvExport
{
    /// <summary>Writes <paramref name="tables"/> to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<ReportTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            if (tables.Count > 1)
            {
                if (t > 0) csv.NextRecord();
                csv.WriteField(FormulaGuard.Neutralise(table.Title));
                csv.NextRecord();
            }
            foreach (var column in table.Columns) csv.WriteField(FormulaGuard.Neutralise(column.Heading));
            csv.NextRecord();
            foreach (var row in table.Rows)
            {
                foreach (var value in row) csv.WriteField(Field(value));
                csv.NextRecord();
            }
        }
        csv.Flush();
    }

    /// <summary>
    /// Writes the same bytes as <see cref="Write"/>, flushing asynchronously as CsvHelper's buffer
    /// fills: a web download streams a table row by row, where sync writes are refused.
    /// </summary>
    public static async Task WriteAsync(TextWriter writer, IReadOnlyList<ReportTable> tables, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            if (tables.Count > 1)
            {
                if (t > 0) await csv.NextRecordAsync().ConfigureAwait(false);
                csv.WriteField(FormulaGuard.Neutralise(table.Title));
                await csv.NextRecordAsync().ConfigureAwait(false);
            }
            foreach (var column in table.Columns) csv.WriteField(FormulaGuard.Neutralise(column.Heading));
            await csv.NextRecordAsync().ConfigureAwait(false);
            foreach (var row in table.Rows)
            {
                cancel.ThrowIfCancellationRequested();
                foreach (var value in row) csv.WriteField(Field(value));
                await csv.NextRecordAsync().ConfigureAwait(false);
            }
        }
        await csv.FlushAsync().ConfigureAwait(false);
    }

    private static string Field(object? value) => value switch
    {
        null => "",
        KindedValue kinded => Field(kinded.Value),
        string text => FormulaGuard.Neutralise(text),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        var other => FormulaGuard.Neutralise(other.ToString() ?? ""),
    };
}
