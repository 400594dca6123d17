namespace Tandem.Data.Import;

/// <summary>
/// A file's header: finds columns by name (ignoring case and surrounding spaces), refuses repeated
/// names, and remembers which columns a layout used so the rest can be reported as ignored.
/// </summary>
public sealed class HeaderColumns
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<int> _used = [];

    /// <summary>Reads <paramref name="header"/>.</summary>
    /// <exception cref="ImportFileException">Two columns have the same name.</exception>
    public HeaderColumns(IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _names = [.. header.Select(h => h.Trim())];
        for (var i = 0; i < _names.Length; i++)
        {
            if (_names[i].Length == 0) continue;
            if (!_index.TryAdd(_names[i], i))
                throw new ImportFileException($"header: column '{_names[i]}' appears twice (columns {_index[_names[i]] + 1} and {i + 1})");
        }
        if (_index.TryGetValue(ImportLayouts.ErrorColumn, out var errors)) _used.Add(errors);
    }

    /// <summary>The number of columns.</summary>
    public int Count => _names.Length;

    /// <summary>The index of the first of <paramref name="names"/> present, marking it used; -1 when none is.</summary>
    public int IndexOf(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (!_index.TryGetValue(name, out var index)) continue;
            _used.Add(index);
            return index;
        }
        return -1;
    }

    /// <summary>Whether a column is present (without marking it used).</summary>
    public bool Has(string name) => _index.ContainsKey(name);

    /// <summary>Refuses the file when any of <paramref name="required"/> is missing, naming them all and the columns found.</summary>
    public void RequirePresent(IEnumerable<string> required, ImportKind kind)
    {
        var missing = required.Where(r => !_index.ContainsKey(r)).ToList();
        if (missing.Count == 0) return;
        var found = string.Join(", ", _names.Where(n => n.Length > 0).Take(20));
        throw new ImportFileException(
            $"header: missing required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} for {kind.Word()} (found: {found})");
    }

    /// <summary>Names of the columns nobody used, in file order.</summary>
    public IReadOnlyList<string> Unused() => [.. _names.Where((n, i) => n.Length > 0 && !_used.Contains(i))];
}
