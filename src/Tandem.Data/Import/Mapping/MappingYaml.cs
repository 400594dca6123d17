using System.Globalization;

namespace Tandem.Data.Import.Mapping;

/// <summary>Writes names and values into mapping YAML so that they read back exactly as written.</summary>
public static class MappingYaml
{
    /// <summary><paramref name="text"/> as a YAML scalar: plain when that reads back the same, else double-quoted.</summary>
    public static string Scalar(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = text.Length > 0
            && text.Trim() == text
            && text.All(c => char.IsLetterOrDigit(c) || c is '_' || c is ' ' || c is '(' || c is ')' || c is '/' || c is '.')
            && char.IsLetter(text[0])
            && !Reserved.Contains(text.ToLowerInvariant());
        if (plain) return text;
        var quoted = new System.Text.StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\') quoted.Append('\\').Append(c);
            else if (char.IsControl(c)) quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }

    // Plain scalars YAML would read as something other than this text.
    private static readonly HashSet<string> Reserved = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"];
}
