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

/// <summary>The CSV files of a demo data set, named after the import kinds.</summary>
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
        Content = new DemoCsv(Path.Combine(folder, "content.csv"), "id", "kind", "published_at", "title", "url", "author");
        ContentUses = new DemoCsv(Path.Combine(folder, "content-uses.csv"), "id", "piece_id", "used_at", "rep", "touch_id", "lead_id");
        Campaigns = new DemoCsv(Path.Combine(folder, "campaigns.csv"), "id", "name", "launched_at", "channel", "ends_at");
        CampaignLeads = new DemoCsv(Path.Combine(folder, "campaign-leads.csv"), "campaign_id", "lead_id", "responded_at");
        Reports = new DemoCsv(Path.Combine(folder, "reports.csv"), "id", "title", "delivered_at", "url");
        ReportFeedback = new DemoCsv(Path.Combine(folder, "report-feedback.csv"), "id", "report_id", "given_at", "rep", "comment");
        Launches = new DemoCsv(Path.Combine(folder, "launches.csv"), "id", "product", "launch_date");
        Trainings = new DemoCsv(Path.Combine(folder, "trainings.csv"), "id", "title", "product", "launch_date", "held_at");
        Attendance = new DemoCsv(Path.Combine(folder, "attendance.csv"), "training_id", "rep", "attended");
    }

    /// <summary>content.csv</summary>
    public DemoCsv Content { get; }

    /// <summary>content-uses.csv</summary>
    public DemoCsv ContentUses { get; }

    /// <summary>campaigns.csv</summary>
    public DemoCsv Campaigns { get; }

    /// <summary>campaign-leads.csv</summary>
    public DemoCsv CampaignLeads { get; }

    /// <summary>reports.csv</summary>
    public DemoCsv Reports { get; }

    /// <summary>report-feedback.csv</summary>
    public DemoCsv ReportFeedback { get; }

    /// <summary>launches.csv</summary>
    public DemoCsv Launches { get; }

    /// <summary>trainings.csv</summary>
    public DemoCsv Trainings { get; }

    /// <summary>attendance.csv</summary>
    public DemoCsv Attendance { get; }

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
        foreach (var file in new[] { Content, ContentUses, Campaigns, CampaignLeads, Reports, ReportFeedback, Launches, Trainings, Attendance }) file.Dispose();
    }
}
