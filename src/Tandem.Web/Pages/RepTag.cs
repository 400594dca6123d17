using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Tandem.Data.Reps;

namespace Tandem.Web.Pages;

/// <summary>
/// A rep as a page shows one (issue 21): the name from <c>reps</c>, with the id on hover
/// (<c>title</c>) and in <c>data-rep</c> for scripts and tests; the id alone when the rep has no name.
/// </summary>
public static class RepTag
{
    /// <summary>The rep's name (or id) as HTML, encoded.</summary>
    public static IHtmlContent Html(RepNames names, string? repId)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (string.IsNullOrEmpty(repId)) return HtmlString.Empty;
        var encoder = HtmlEncoder.Default;
        var id = encoder.Encode(repId);
        return names.NameOf(repId) is { } name
            ? new HtmlString($"<span class=\"rep\" title=\"{id}\" data-rep=\"{id}\">{encoder.Encode(name)}</span>")
            : new HtmlString($"<span class=\"rep\" data-rep=\"{id}\">{id}</span>");
    }
}
