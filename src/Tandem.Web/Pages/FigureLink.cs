using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Tandem.Web.Pages;

/// <summary>
/// A count on a report page as a link to the lead list that produces it (issue 21): the list's
/// count is the figure. <c>data-figure</c> names the figure for tests and scripts; <c>data-rows</c>
/// carries the list's count where the link's text is not a count (a p90 in minutes). A team's
/// figure shown to a sales rep is plain text: their lists hold only their own leads, so no list
/// would count it.
/// </summary>
public static class FigureLink
{
    /// <summary>The count, formatted, linking to <paramref name="href"/>.</summary>
    public static IHtmlContent Count(long count, string href, string figure, bool link = true) =>
        link ? Html(Tandem.Reports.Figures.Count(count), href, figure, null) : new HtmlString(HtmlEncoder.Default.Encode(Tandem.Reports.Figures.Count(count)));

    /// <summary>Any text (a time) linking to a list of <paramref name="rows"/> leads.</summary>
    public static IHtmlContent Text(string text, string href, string figure, long rows, bool link = true) =>
        link ? Html(text, href, figure, rows) : new HtmlString(HtmlEncoder.Default.Encode(text));

    private static HtmlString Html(string text, string href, string figure, long? rows)
    {
        ArgumentNullException.ThrowIfNull(text);
        var e = HtmlEncoder.Default;
        var rowsAttribute = rows is { } n ? $" data-rows=\"{n.ToString(CultureInfo.InvariantCulture)}\"" : "";
        return new HtmlString($"<a href=\"{e.Encode(href)}\" data-figure=\"{e.Encode(figure)}\"{rowsAttribute}>{e.Encode(text)}</a>");
    }
}
