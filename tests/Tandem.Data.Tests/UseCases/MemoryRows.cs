using Tandem.Data.Import;

namespace Tandem.Data.Tests.UseCases;

/// <summary>A table held in memory, no file behind it: the rows a use case reads are a stream, not a path.</summary>
public sealed class MemoryRows(string[] header, IReadOnlyList<string[]> rows) : ITableRows
{
    private int _next;

    public string[] Header { get; } = header;

    public long Length => rows.Count;

    public long BytesRead => _next;

    public string? Sheet => null;

    public CsvRow? NextRow() => _next < rows.Count ? new CsvRow(rows[_next], ++_next + 1, false) : null;

    public string Column(string label) => label;

    public void Dispose()
    {
    }
}
