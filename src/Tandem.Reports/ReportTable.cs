namespace Tandem.Reports;

/// <summary>How a column's values are kept and shown.</summary>
public enum CellKind
{
    /// <summary>Free text (names, periods); neutralised where a spreadsheet would read a formula.</summary>
    Text,

    /// <summary>A whole count.</summary>
    Count,

    /// <summary>A share, kept as a fraction of 1 (0.853 is 85.3%).</summary>
    Share,

    /// <summary>An amount of money, two decimals.</summary>
    Money,

    /// <summary>A number shown with one decimal (days, minutes, averages).</summary>
    OneDecimal,
}

/// <summary>A value whose kind differs from its column's (a row of percentages in a table of periods).</summary>
public sealed record KindedValue(object Value, CellKind Kind);

/// <summary>A report column: its heading and kind.</summary>
public sealed record ReportColumn(string Heading, CellKind Kind);

/// <summary>
/// One table of a report as the exports write it: typed values (string, long or decimal; null where
/// nothing was measured, never 0), so CSV and XLSX keep numbers as numbers at full precision and
/// only the text view rounds them.
/// </summary>
public sealed class ReportTable(string name, string title, IReadOnlyList<ReportColumn> columns)
{
    private readonly List<object?[]> _rows = [];
    private readonly List<string> _notes = [];

    /// <summary>A short name (a worksheet's tab, a CSV section).</summary>
    public string Name { get; } = name;

    /// <summary>The line that says what the table shows.</summary>
    public string Title { get; } = title;

    /// <summary>The columns.</summary>
    public IReadOnlyList<ReportColumn> Columns { get; } = columns;

    /// <summary>The rows, one value per column.</summary>
    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>Lines printed under the table.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Adds a row.</summary>
    /// <exception cref="ArgumentException">The row does not have one value per column.</exception>
    public ReportTable Row(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != Columns.Count) throw new ArgumentException($"table {Name}: a row needs {Columns.Count} values, got {values.Length}", nameof(values));
        _rows.Add(values);
        return this;
    }

    /// <summary>Adds a note.</summary>
    public ReportTable Note(string note)
    {
        _notes.Add(note);
        return this;
    }
}
