using System.Text;

namespace Tandem.Cli.Output;

/// <summary>
/// A plain aligned text table: the first column left-aligned, the others right-aligned (they hold
/// numbers). Plain text on purpose: output goes to terminals, pipes and logs alike.
/// </summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; missing cells are blank.</summary>
    public TextTable Row(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        _rows.Add(Enumerable.Range(0, headers.Length).Select(i => i < cells.Length ? cells[i] ?? "" : "").ToArray());
        return this;
    }

    /// <summary>Writes the table, indented by two spaces.</summary>
    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var all = new List<string[]> { headers };
        all.AddRange(_rows);
        var widths = Enumerable.Range(0, headers.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            var line = new StringBuilder("  ");
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0) line.Append("  ");
                line.Append(i == 0 ? row[i].PadRight(widths[i]) : row[i].PadLeft(widths[i]));
            }
            output.WriteLine(line.ToString().TrimEnd());
        }
    }
}
