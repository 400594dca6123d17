using System.Globalization;
using Tandem.Domain.Agreements;

namespace Tandem.Data.Agreements;

/// <summary>
/// Reads <c>signatories</c> (who signs for marketing and for sales; when any are named, both sides
/// must be) and <c>reviewEvery</c> (how often the owners review the agreement).
/// </summary>
internal static class SignatoriesSection
{
    public static List<Signatory>? Read(YamlSection root)
    {
        var signatories = new List<Signatory>();
        var failed = false;
        var items = root.List("signatories");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"signatories[{i + 1}]";
            var item = YamlSection.Of(items[i], path, root.Problems);
            if (item is null) { failed = true; continue; }
            var name = item.Required("name")?.Trim();
            Side? side = item.Required("side")?.Trim() switch
            {
                null => null,
                "marketing" => Side.Marketing,
                "sales" => Side.Sales,
                var other => Refused(item, "side", $"'{other}' is not a side; write marketing or sales"),
            };
            var title = item.Text("title")?.Trim();
            var email = item.Text("email")?.Trim();
            if (email is not null && (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
            {
                root.Problems.Add(item.Get("email")!, item.Field("email"), $"'{email}' is not an e-mail address");
                failed = true;
            }
            item.CheckUnknownKeys();
            if (name is null || side is null) { failed = true; continue; }
            if (name.Length == 0) { root.Problems.Add(item.Get("name")!, item.Field("name"), "is empty"); failed = true; continue; }
            if (signatories.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                root.Problems.Add(item.Get("name")!, item.Field("name"), $"'{name}' is named twice");
                failed = true;
                continue;
            }
            signatories.Add(new Signatory(name, side.Value, string.IsNullOrEmpty(title) ? null : title, string.IsNullOrEmpty(email) ? null : email));
        }
        if (!failed && signatories.Count > 0)
            foreach (var side in new[] { Side.Marketing, Side.Sales })
                if (!signatories.Any(s => s.Side == side))
                {
                    root.Problems.Add(root.Get("signatories")!, "signatories", $"names nobody for {Signatory.Word(side)}; both teams sign the agreement");
                    failed = true;
                }
        return failed ? null : signatories;
    }

    /// <summary>monthly, quarterly, half-yearly, yearly or "N months" (1 to 24); default quarterly.</summary>
    public static int? ReadReview(YamlSection root)
    {
        var text = root.Text("reviewEvery")?.Trim();
        if (text is null) return 3;
        var months = Months(text);
        if (months is null)
            root.Problems.Add(root.Get("reviewEvery")!, "reviewEvery", $"'{text}' is not a review interval; write monthly, quarterly, half-yearly, yearly or a number of months from 1 to 24 ('2 months')");
        return months;
    }

    /// <summary>The months a review interval names, or null.</summary>
    public static int? Months(string text)
    {
        switch (text.ToLowerInvariant())
        {
            case "monthly": return 1;
            case "quarterly": return 3;
            case "half-yearly": return 6;
            case "yearly": return 12;
        }
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && parts[1] is "month" or "months"
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 24)
            return n;
        return null;
    }

    /// <summary>How the writer spells <paramref name="months"/>.</summary>
    public static string Word(int months) => months switch
    {
        1 => "monthly",
        3 => "quarterly",
        6 => "half-yearly",
        12 => "yearly",
        _ => $"{months} months",
    };

    private static Side? Refused(YamlSection section, string key, string reason)
    {
        section.Problems.Add(section.Get(key)!, section.Field(key), reason);
        return null;
    }
}
