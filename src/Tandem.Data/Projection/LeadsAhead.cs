namespace Tandem.Data.Projection;

/// <summary>
/// What a bulk import knows of the rows still ahead of it, so that it projects each lead once: in
/// the batch that writes the lead's last row of the file, not in every batch that holds one of its
/// rows. A file's rows are seldom grouped by lead (touches and stage changes come by time), and a
/// lead's records then arrive over many batches: projecting it in each (5.7 times a lead for the
/// demo's touches) was most of a million-lead import's time. The first pass over the file notes
/// each lead's last line; a lead written before that line waits (<see cref="Defer"/>) until the
/// batch that reaches it. Its records are committed meanwhile, and the batches' stamps are noted
/// as projected only when the whole import is (<see cref="Stamps"/>): an import stopped half way
/// leaves them to the next catch-up, which projects every lead they wrote.
/// </summary>
public sealed class LeadsAhead
{
    private readonly string _source;
    private readonly IReadOnlyDictionary<string, int> _lastLine;
    private readonly PriorityQueue<(string Source, string Id), int> _waiting = new();
    private readonly HashSet<(string Source, string Id)> _deferred = [];
    private readonly List<long> _stamps = [];

    /// <summary>Ahead of an import of <paramref name="source"/>'s records whose leads' last lines in the file are <paramref name="lastLine"/>.</summary>
    public LeadsAhead(string source, IReadOnlyDictionary<string, int> lastLine)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(lastLine);
        (_source, _lastLine) = (source, lastLine);
    }

    /// <summary>The last line of the file written so far (the current batch's).</summary>
    public int Line { get; set; }

    /// <summary>The stamps of the batches written, to note as projected once the import has projected every lead.</summary>
    public IReadOnlyList<long> Stamps => _stamps;

    /// <summary>Leads waiting for a later batch.</summary>
    public int Waiting => _deferred.Count;

    /// <summary>Whether the file has a row of <paramref name="lead"/> after the lines written so far.</summary>
    internal bool Later((string Source, string Id) lead) =>
        lead.Source == _source && _lastLine.TryGetValue(lead.Id, out var last) && last > Line;

    /// <summary>Keeps <paramref name="lead"/> for the batch that writes its last row.</summary>
    internal void Defer((string Source, string Id) lead)
    {
        if (_deferred.Add(lead)) _waiting.Enqueue(lead, _lastLine[lead.Id]);
    }

    /// <summary>The waiting leads whose last row is now written.</summary>
    internal IEnumerable<(string Source, string Id)> Ready()
    {
        while (_waiting.TryPeek(out var lead, out var last) && last <= Line)
        {
            _waiting.Dequeue();
            _deferred.Remove(lead);
            yield return lead;
        }
    }

    /// <summary>Every lead still waiting (rows the import rejected, or an import that ends early), emptied.</summary>
    internal IReadOnlyCollection<(string Source, string Id)> Rest()
    {
        var rest = _deferred.ToList();
        _deferred.Clear();
        _waiting.Clear();
        return rest;
    }

    internal void Wrote(long stamp) => _stamps.Add(stamp);
}
