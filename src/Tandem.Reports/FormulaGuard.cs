namespace Tandem.Reports;

/// <summary>
/// Lead fields are untrusted text. A spreadsheet reads a cell that starts with =, +, -, @, a tab
/// or a carriage return as a formula (OWASP's "CSV injection"), so such text goes out with a
/// leading apostrophe: shown as typed, never run.
/// </summary>
public static class FormulaGuard
{
    /// <summary>The text, made inert when a spreadsheet would evaluate it.</summary>
    public static string Neutralise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }
}
