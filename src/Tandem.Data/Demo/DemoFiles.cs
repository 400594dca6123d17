using System.Globalization;
using System.Text;
using CsvHelper;

namespace Tandem.Data.Demo;

/// <summary>One CSV file being written, with its row count.</summary>
public sealed class DemoCsv : IDisposable
{
    private readonly CsvWriter _writer;

    /// <summary>Creates the file with <paramref name="header"/>.</summary>
    public DemoCsv(string path, params string[] header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _writer = new CsvWriter(new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16), CultureInfo.InvariantCulture);
        foreach (var column in header) _writer.WriteField(column);
        _writer.NextRecord();
    }

    /// <summary>Data rows written.</summary>
    public long Count { get; private set; }

    /// <summary>Writes one row.</summary>
    public void Row(params string?[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in fields) _writer.WriteField(field ?? "");
        _writer.NextRecord();
        Count++;
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();
}

/// <summary>The five CSV files of a demo data set, named after the import kinds.</summary>
public sealed class DemoFiles : IDisposable
{
    /// <summary>Opens the files in <paramref name="folder"/>.</summary>
    public DemoFiles(string folder)
    {
        Leads = new DemoCsv(Path.Combine(folder, "leads.csv"), "id", "created_at", "lead_type", "segment", "owner", "name", "email", "company", "title");
        Stages = new DemoCsv(Path.Combine(folder, "stages.csv"), "lead_id", "stage", "changed_at", "rep");
        Touches = new DemoCsv(Path.Combine(folder, "touches.csv"), "id", "lead_id", "channel", "touched_at", "rep", "outcome");
        Deals = new DemoCsv(Path.Combine(folder, "deals.csv"), "id", "status", "lead_id", "amount", "currency", "closed_at", "created_at");
        Reps = new DemoCsv(Path.Combine(folder, "reps.csv"), "id", "name", "email", "team", "time_zone", "start_date", "weekly_hours", "marketing_share");
    }

    /// <summary>leads.csv</summary>
    public DemoCsv Leads { get; }

    /// <summary>stages.csv</summary>
    public DemoCsv Stages { get; }

    /// <summary>touches.csv</summary>
    public DemoCsv Touches { get; }

    /// <summary>deals.csv</summary>
    public DemoCsv Deals { get; }

    /// <summary>reps.csv</summary>
    public DemoCsv Reps { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Leads.Dispose();
        Stages.Dispose();
        Touches.Dispose();
        Deals.Dispose();
        Reps.Dispose();
    }
}
