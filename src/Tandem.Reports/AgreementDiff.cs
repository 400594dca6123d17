using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Tandem.Data.Agreements;
using Tandem.Domain.Agreements;

namespace Tandem.Reports;

/// <summary>How a term or line differs between two versions.</summary>
public enum ChangeKind
{
    /// <summary>In both, unchanged (a line of context).</summary>
    Same,

    /// <summary>Only in the later version.</summary>
    Added,

    /// <summary>Only in the earlier version.</summary>
    Removed,

    /// <summary>In both, worded differently.</summary>
    Changed,
}

/// <summary>A term of the plain-language document that differs: its section, and its text before and after.</summary>
public sealed record TermChange(ChangeKind Kind, string Section, string Key, string? Before, string? After);

/// <summary>A line of the agreement file in the difference: its number in the earlier and later text (null where it is absent).</summary>
public sealed record LineChange(ChangeKind Kind, int? Before, int? After, string Text);

/// <summary>
/// The difference between two versions of the agreement, readable two ways: the plain-language
/// terms that changed (what the teams now commit to), and the file's lines that changed with two
/// lines of context around each change (for people who keep the file in version control). The
/// lines compared are each version's canonical file (<see cref="AgreementFileWriter"/>'s output),
/// not the text as stored: an imported file keeps its author's order, quoting and comments while a
/// drafted revision is the writer's, so comparing stored texts showed dozens of lines for two values.
/// </summary>
public sealed record AgreementDiff(IReadOnlyList<TermChange> Terms, IReadOnlyList<LineChange?> Lines)
{
    /// <summary>Lines of unchanged context kept around each change.</summary>
    public const int Context = 2;

    /// <summary>Whether the two texts are the same.</summary>
    public bool Identical => Terms.Count == 0 && Lines.Count == 0;

    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>: their terms, and their canonical files line by line.</summary>
    public static AgreementDiff Compare(Agreement before, Agreement after)
    {
        var old = AgreementDocument.Build(before);
        var @new = AgreementDocument.Build(after);
        return new AgreementDiff(CompareTerms(old, @new), CompareLines(AgreementFileWriter.Write(before), AgreementFileWriter.Write(after)));
    }

    private static List<TermChange> CompareTerms(AgreementDocument before, AgreementDocument after)
    {
        var oldTerms = before.Sections.SelectMany(s => s.Terms.Select(t => (s.Heading, Term: t))).ToList();
        var newTerms = after.Sections.SelectMany(s => s.Terms.Select(t => (s.Heading, Term: t))).ToList();
        var changes = new List<TermChange>();
        foreach (var (heading, term) in newTerms)
        {
            var match = oldTerms.Find(o => o.Term.Key == term.Key);
            if (match.Term is null) changes.Add(new TermChange(ChangeKind.Added, heading, term.Key, null, term.Text));
            else if (match.Term.Text != term.Text) changes.Add(new TermChange(ChangeKind.Changed, heading, term.Key, match.Term.Text, term.Text));
        }
        foreach (var (heading, term) in oldTerms)
            if (!newTerms.Exists(n => n.Term.Key == term.Key)) changes.Add(new TermChange(ChangeKind.Removed, heading, term.Key, term.Text, null));
        return changes;
    }

    /// <summary>The changed lines with context; a null between two lines marks skipped unchanged lines.</summary>
    private static List<LineChange?> CompareLines(string before, string after)
    {
        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false, ignoreCase: false);
        var all = new List<LineChange>();
        int oldLine = 0, newLine = 0;
        foreach (var line in model.Lines)
        {
            switch (line.Type)
            {
                case ChangeType.Deleted: all.Add(new LineChange(ChangeKind.Removed, ++oldLine, null, line.Text)); break;
                case ChangeType.Inserted: all.Add(new LineChange(ChangeKind.Added, null, ++newLine, line.Text)); break;
                default: all.Add(new LineChange(ChangeKind.Same, ++oldLine, ++newLine, line.Text)); break;
            }
        }
        var keep = new bool[all.Count];
        for (var i = 0; i < all.Count; i++)
            if (all[i].Kind != ChangeKind.Same)
                for (var j = Math.Max(0, i - Context); j <= Math.Min(all.Count - 1, i + Context); j++) keep[j] = true;
        var lines = new List<LineChange?>();
        for (var i = 0; i < all.Count; i++)
        {
            if (!keep[i]) continue;
            if (lines.Count > 0 && !keep[i - 1]) lines.Add(null);
            lines.Add(all[i]);
        }
        return lines;
    }

    /// <summary>The difference as text: the terms, then the file's lines in unified-diff style.</summary>
    public string ToText(long from, long to)
    {
        if (Identical) return $"versions #{from} and #{to} have the same text, as Tandem writes each (the stored files' layout and comments aside)\n";
        var w = new System.Text.StringBuilder();
        w.Append($"What changed from #{from} to #{to}\n");
        if (Terms.Count == 0) w.Append("  (no term of the plain-language document reads differently; the file's lines below say what changed)\n");
        foreach (var t in Terms)
        {
            switch (t.Kind)
            {
                case ChangeKind.Added: w.Append($"  + {t.Section}: {t.After}\n"); break;
                case ChangeKind.Removed: w.Append($"  - {t.Section}: {t.Before}\n"); break;
                default: w.Append($"  ~ {t.Section}:\n      was: {t.Before}\n      now: {t.After}\n"); break;
            }
        }
        w.Append($"\nThe file as Tandem writes it, line by line (--- #{from}, +++ #{to})\n");
        foreach (var line in Lines)
            w.Append(line is null ? "  ...\n" : line.Kind switch
            {
                ChangeKind.Added => $"+ {line.Text}\n",
                ChangeKind.Removed => $"- {line.Text}\n",
                _ => $"  {line.Text}\n",
            });
        return w.ToString();
    }
}
