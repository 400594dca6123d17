using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tandem.Web.Pages;

/// <summary>One series of a chart: its label, values (null where there is none), and how it is drawn.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Values">One value per label of the chart.</param>
/// <param name="Kind">line, bar, band (a dashed thin line, e.g. the tolerance band's edges), projection (a dashed line going on from the actuals) or interval (a thin edge of a shaded range).</param>
/// <param name="Color">CSS colour.</param>
public sealed record ChartSeries(string Label, IReadOnlyList<decimal?> Values, string Kind, string Color)
{
    /// <summary>Shade the area between this series and the one before it (an interval's upper edge over its lower).</summary>
    public bool FillToPrevious { get; init; }
}

/// <summary>A chart as the pages' script draws it (values on hover); the same figures are in the table beside it.</summary>
/// <param name="Id">Unique on the page; also the PNG file's name.</param>
/// <param name="Title">Caption and accessible name.</param>
/// <param name="Labels">The x axis.</param>
/// <param name="Series">What is drawn.</param>
/// <param name="YTitle">The y axis' title.</param>
public sealed record ChartSpec(string Id, string Title, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, string YTitle)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Escapes <, >, & and quotes too, so nothing in a label can close the data block.
        Encoder = JavaScriptEncoder.Default,
    };

    /// <summary>The chart as JSON for the page's data block.</summary>
    public string Json() => JsonSerializer.Serialize(new { title = Title, labels = Labels, yTitle = YTitle, series = Series }, Options);
}
