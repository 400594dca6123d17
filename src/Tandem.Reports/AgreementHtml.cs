using System.Net;
using System.Text;
using Tandem.Domain.Agreements;

namespace Tandem.Reports;

/// <summary>A signatory as the printed agreement lists them: signed (when, bound to this text) or not yet.</summary>
public sealed record SignatureLine(Signatory Signatory, Signature? Signature);

/// <summary>What the printed agreement says about the version itself.</summary>
/// <param name="Id">The version's number.</param>
/// <param name="Status">draft, proposed, signed, active or superseded.</param>
/// <param name="ActiveFor">The periods it is active for, if activated ("2026-11 on").</param>
/// <param name="ContentHash">SHA-256 of the text the signatures bind to.</param>
/// <param name="Signatures">Each named signatory and their signature on this text, if any.</param>
/// <param name="Zone">The time zone signing times are shown in.</param>
public sealed record VersionFacts(long Id, string Status, string? ActiveFor, string ContentHash, IReadOnlyList<SignatureLine> Signatures, NodaTime.DateTimeZone Zone);

/// <summary>
/// The agreement document as HTML: the fragment the web page shows, and a standalone page
/// (with its own print style) that headless Chromium prints to PDF. Every text is HTML-encoded.
/// </summary>
public static class AgreementHtml
{
    /// <summary>The document's body: title, terms, and the signature block.</summary>
    public static string Fragment(AgreementDocument document, VersionFacts facts) => Fragment(document, facts, 1);

    /// <summary>
    /// The document's body with its title at heading <paramref name="level"/> and its sections one
    /// below: 1 for a page of its own, 2 inside a page that has its own title (the web app's).
    /// </summary>
    public static string Fragment(AgreementDocument document, VersionFacts facts, int level)
    {
        if (level is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(level), level, "a heading level from 1 to 5");
        var (titleTag, sectionTag) = ($"h{level}", $"h{level + 1}");
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(facts);
        var w = new StringBuilder();
        w.Append("<article class=\"agreement-document\" data-version=\"").Append(facts.Id).Append("\">\n");
        w.Append('<').Append(titleTag).Append('>').Append(E(document.Title)).Append("</").Append(titleTag).Append(">\n");
        w.Append("<p class=\"covers\">").Append(E(document.Covers)).Append(". Version #").Append(facts.Id).Append(", ").Append(E(facts.Status));
        if (facts.ActiveFor is { } range) w.Append(", active for ").Append(E(range));
        w.Append(".</p>\n");
        foreach (var part in document.Sections)
        {
            w.Append("<section><").Append(sectionTag).Append('>').Append(E(part.Heading)).Append("</").Append(sectionTag).Append(">\n<ul>\n");
            foreach (var term in part.Terms) w.Append("<li data-term=\"").Append(E(term.Key)).Append("\">").Append(E(term.Text)).Append("</li>\n");
            w.Append("</ul></section>\n");
        }
        if (facts.Signatures.Count > 0)
        {
            w.Append("<section class=\"signatures\"><").Append(sectionTag).Append(">Signatures</").Append(sectionTag).Append('>').Append("\n<table><thead><tr><th>Name</th><th>For</th><th>Signed</th></tr></thead><tbody>\n");
            foreach (var line in facts.Signatures)
            {
                w.Append("<tr><td>").Append(E(line.Signatory.Name));
                if (line.Signatory.Title is { } title) w.Append("<br><small>").Append(E(title)).Append("</small>");
                w.Append("</td><td>").Append(E(Signatory.Word(line.Signatory.Side))).Append("</td><td>");
                w.Append(line.Signature is { } s
                    ? E(s.SignedAt.InZone(facts.Zone).ToString("uuuu-MM-dd HH:mm x", System.Globalization.CultureInfo.InvariantCulture))
                    : "<span class=\"unsigned\">not signed</span>");
                w.Append("</td></tr>\n");
            }
            w.Append("</tbody></table>\n<p class=\"hash\">Each signature is bound to this exact text, SHA-256 <code>")
             .Append(E(facts.ContentHash)).Append("</code>; any change is a new version, signed again.</p></section>\n");
        }
        w.Append("</article>\n");
        return w.ToString();
    }

    /// <summary>A standalone page for printing: the fragment with a print style, no scripts, no links out.</summary>
    public static string Page(AgreementDocument document, VersionFacts facts)
    {
        ArgumentNullException.ThrowIfNull(document);
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + E(document.Title) + "</title>\n<style>\n" + PrintStyle + "</style></head><body>\n"
            + Fragment(document, facts) + "</body></html>\n";
    }

    /// <summary>
    /// The standalone page with the print style linked from <paramref name="styleSheet"/> instead of
    /// inline: the web app's printable page, whose content security policy allows no inline style.
    /// </summary>
    public static string LinkedPage(AgreementDocument document, VersionFacts facts, string styleSheet)
    {
        ArgumentNullException.ThrowIfNull(document);
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + E(document.Title) + "</title>\n<link rel=\"stylesheet\" href=\"" + E(styleSheet) + "\"></head><body>\n"
            + Fragment(document, facts) + "</body></html>\n";
    }

    /// <summary>The print style, shared with the web page's print view.</summary>
    public const string PrintStyle = """
        @page { size: A4; margin: 18mm 16mm; }
        body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
        h1 { font-size: 18pt; margin: 0 0 4pt; }
        h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; break-after: avoid; }
        .covers { color: #444; margin: 0 0 8pt; }
        ul { margin: 0; padding-left: 16pt; }
        li { margin: 2pt 0; break-inside: avoid; }
        table { border-collapse: collapse; width: 100%; margin-top: 4pt; }
        th, td { border: 1px solid #999; padding: 6pt; text-align: left; vertical-align: top; }
        td:last-child { width: 40%; }
        .unsigned { color: #a00; }
        .hash { font-size: 8.5pt; color: #444; word-break: break-all; }
        section { break-inside: auto; }
        .signatures { break-inside: avoid; }

        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
