using Tandem.Domain.Numbers;
using YamlDotNet.RepresentationModel;

namespace Tandem.Data.Agreements;

/// <summary>
/// Collects the problems of one agreement file, each with the line of the node at fault, and
/// remembers the line of every field read so that errors raised later by the domain (which only
/// know a field path such as <c>segments[2].share</c>) can be placed too.
/// </summary>
internal sealed class YamlProblems(string file)
{
    private readonly List<AgreementFileError> _errors = [];
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public string File { get; } = file;

    public IReadOnlyList<AgreementFileError> Errors => _errors;

    public void Add(int line, string field, string reason) => _errors.Add(new AgreementFileError(File, line, field, reason));

    public void Add(YamlNode node, string field, string reason) => Add(Line(node), field, reason);

    public void Remember(string field, YamlNode node) => _lines.TryAdd(field, Line(node));

    /// <summary>Adds a domain error at the line of its field, or of the nearest enclosing field read.</summary>
    public void Add(InvalidInputException e, int fallbackLine)
    {
        var field = e.Field;
        for (var probe = field; probe.Length > 0; probe = Parent(probe))
            if (_lines.TryGetValue(probe, out var line)) { Add(line, field, e.Reason); return; }
        Add(fallbackLine, field, e.Reason);
    }

    /// <summary>Runs <paramref name="build"/>, turning a domain error into a problem; null when it failed.</summary>
    public T? Try<T>(YamlNode node, Func<T> build)
        where T : class
    {
        try
        {
            return build();
        }
        catch (InvalidInputException e)
        {
            Add(e, Line(node));
            return null;
        }
    }

    public static int Line(YamlNode node) => checked((int)node.Start.Line);

    private static string Parent(string field)
    {
        var cut = Math.Max(field.LastIndexOf('.'), field.LastIndexOf('['));
        return cut <= 0 ? "" : field[..cut];
    }
}

/// <summary>
/// One YAML mapping of the agreement file, read key by key. Keys it is never asked for are
/// reported as unknown, with the closest known key suggested, so a typo never passes silently.
/// </summary>
internal sealed class YamlSection
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    public YamlSection(YamlMappingNode node, string path, YamlProblems problems)
    {
        _node = node;
        Path = path;
        Problems = problems;
    }

    public string Path { get; }

    public YamlProblems Problems { get; }

    public YamlMappingNode Node => _node;

    /// <summary>Reads <paramref name="node"/> as a section, or reports that it is not a mapping.</summary>
    public static YamlSection? Of(YamlNode node, string path, YamlProblems problems)
    {
        if (node is YamlMappingNode mapping) return new YamlSection(mapping, path, problems);
        problems.Add(node, path, $"must be a mapping of keys to values, not {Describe(node)}");
        return null;
    }

    public string Field(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The node under <paramref name="key"/>, or null when absent or empty.</summary>
    public YamlNode? Get(string key)
    {
        _asked.Add(key);
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                if (v is YamlScalarNode { Value: null or "" or "~" } && ((YamlScalarNode)v).Style == YamlDotNet.Core.ScalarStyle.Plain) return null;
                Problems.Remember(Field(key), v);
                return v;
            }
        }
        return null;
    }

    /// <summary>The text under <paramref name="key"/>, or null when absent; a list or mapping there is reported.</summary>
    public string? Text(string key) => Get(key) is { } node ? Scalar(node, Field(key)) : null;

    /// <summary>The text under <paramref name="key"/>; reports it missing when absent.</summary>
    public string? Required(string key)
    {
        var text = Text(key);
        if (text is null && !Has(key)) Problems.Add(_node, Field(key), "is required");
        return text;
    }

    public bool Has(string key) => _node.Children.Keys.Any(k => k is YamlScalarNode s && s.Value == key);

    /// <summary>Parses the text under <paramref name="key"/> with a domain parser, placing its error on the key's line.</summary>
    public T? Parse<T>(string key, Func<string, string, T> parse, bool required = false)
        where T : struct
    {
        var text = required ? Required(key) : Text(key);
        if (text is null) return null;
        try
        {
            return parse(text, Field(key));
        }
        catch (InvalidInputException e)
        {
            Problems.Add(Get(key)!, e.Field, e.Reason);
            return null;
        }
    }

    /// <summary>Same as <see cref="Parse{T}"/> for reference types.</summary>
    public T? ParseRef<T>(string key, Func<string, string, T> parse, bool required = false)
        where T : class
    {
        var text = required ? Required(key) : Text(key);
        if (text is null) return null;
        try
        {
            return parse(text, Field(key));
        }
        catch (InvalidInputException e)
        {
            Problems.Add(Get(key)!, e.Field, e.Reason);
            return null;
        }
    }

    /// <summary>The list under <paramref name="key"/> (empty when absent); anything else there is reported.</summary>
    public IReadOnlyList<YamlNode> List(string key)
    {
        var node = Get(key);
        if (node is null) return [];
        if (node is YamlSequenceNode sequence) return sequence.Children.ToList();
        Problems.Add(node, Field(key), $"must be a list (one '- ' item per line), not {Describe(node)}");
        return [];
    }

    /// <summary>Reports every key of this mapping that was never asked for.</summary>
    public void CheckUnknownKeys(IEnumerable<string>? alsoKnown = null)
    {
        var known = _asked.Concat(alsoKnown ?? []).ToList();
        foreach (var key in _node.Children.Keys)
        {
            var name = key is YamlScalarNode s ? s.Value ?? "" : key.ToString();
            if (known.Contains(name)) continue;
            var suggestion = Closest(name, known);
            Problems.Add(key, Field(name), suggestion is null
                ? $"unknown key '{name}'; known keys here: {string.Join(", ", known.Order(StringComparer.Ordinal))}"
                : $"unknown key '{name}'; did you mean '{suggestion}'?");
        }
    }

    public string? Scalar(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar) return scalar.Value ?? "";
        Problems.Add(node, field, $"must be a single value, not {Describe(node)}");
        return null;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "this",
    };

    private static string? Closest(string name, IEnumerable<string> known)
    {
        var best = known.Select(k => (Key: k, Distance: Distance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(p => p.Distance).FirstOrDefault();
        return best.Key is not null && best.Distance <= Math.Max(2, best.Key.Length / 3) ? best.Key : null;
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }
}
