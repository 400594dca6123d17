namespace Tandem.Domain.Leads;

/// <summary>
/// The stages a lead moves through, as stage history records them. The standard funnel is
/// Lead → MQL → SAL → SQL → Opportunity → Customer, plus the Disqualified and Recycled exits; an
/// agreement may name further stages of its own funnel, which are accepted as written.
/// </summary>
public static class LeadStages
{
    /// <summary>A lead has been created.</summary>
    public const string Lead = "Lead";

    /// <summary>Marketing-qualified lead.</summary>
    public const string Mql = "MQL";

    /// <summary>Sales-accepted lead.</summary>
    public const string Sal = "SAL";

    /// <summary>Sales-qualified lead.</summary>
    public const string Sql = "SQL";

    /// <summary>An opportunity (a deal in progress).</summary>
    public const string Opportunity = "Opportunity";

    /// <summary>The lead became a customer (a won deal).</summary>
    public const string Customer = "Customer";

    /// <summary>The lead left the funnel as not qualified.</summary>
    public const string Disqualified = "Disqualified";

    /// <summary>The lead went back to marketing for nurturing.</summary>
    public const string Recycled = "Recycled";

    /// <summary>The standard stages, in funnel order, exits last.</summary>
    public static IReadOnlyList<string> Standard { get; } =
        [Lead, Mql, Sal, Sql, Opportunity, Customer, Disqualified, Recycled];

    private static readonly Dictionary<string, string> Aliases = BuildAliases();

    /// <summary>
    /// The canonical spelling of <paramref name="text"/>: a standard stage or one of its usual
    /// long forms ("Marketing Qualified Lead", "sales-accepted lead", "opp", "won"), matched without
    /// regard to case, spaces, dashes or underscores; otherwise one of <paramref name="agreementStages"/>
    /// matched the same way. Null when neither knows it.
    /// </summary>
    public static string? Normalize(string text, IEnumerable<string>? agreementStages = null)
    {
        var key = Key(text);
        if (key.Length == 0) return null;
        if (Aliases.TryGetValue(key, out var stage)) return stage;
        return agreementStages?.FirstOrDefault(s => Key(s) == key);
    }

    private static Dictionary<string, string> BuildAliases()
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stage in Standard) aliases[Key(stage)] = stage;
        void Add(string alias, string stage) => aliases[Key(alias)] = stage;
        Add("new", Lead);
        Add("subscriber", Lead);
        Add("marketing qualified lead", Mql);
        Add("marketingqualified", Mql);
        Add("sales accepted lead", Sal);
        Add("accepted", Sal);
        Add("sales qualified lead", Sql);
        Add("salesqualified", Sql);
        Add("opp", Opportunity);
        Add("won", Customer);
        Add("closed won", Customer);
        Add("disqualified lead", Disqualified);
        Add("unqualified", Disqualified);
        Add("recycle", Recycled);
        Add("nurture", Recycled);
        return aliases;
    }

    private static string Key(string text) =>
        new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
}
