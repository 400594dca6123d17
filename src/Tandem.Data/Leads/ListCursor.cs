using System.Text;

namespace Tandem.Data.Leads;

/// <summary>
/// A keyset cursor as a link carries it: the direction (after or before the row it names), what kind
/// of list made it, and the row's sort key, as base64url text. Opaque to the pages; a cursor from
/// another list or order, or one that was edited, is refused.
/// </summary>
internal sealed record ListCursor(bool Before, string Kind, IReadOnlyList<string> Key)
{
    public string Write()
    {
        var text = string.Join('\n', [Before ? "b" : "a", Kind, .. Key.Select(Uri.EscapeDataString)]);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <exception cref="FormatException">Not a cursor of <paramref name="kind"/> with <paramref name="parts"/> key parts.</exception>
    public static ListCursor Read(string cursor, string kind, int parts)
    {
        string text;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
        }
        catch (FormatException)
        {
            throw Refused(cursor);
        }
        var fields = text.Split('\n');
        if (fields.Length != parts + 2 || fields[0] is not ("a" or "b") || fields[1] != kind) throw Refused(cursor);
        return new ListCursor(fields[0] == "b", kind, [.. fields[2..].Select(Uri.UnescapeDataString)]);
    }

    private static FormatException Refused(string cursor) =>
        new($"'{cursor}' is not a cursor of this list in this order; follow the list's own Next and Previous links");
}
