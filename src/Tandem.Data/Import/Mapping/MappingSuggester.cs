using System.Globalization;
using System.Text;
using Tandem.Domain.Numbers;

namespace Tandem.Data.Import.Mapping;

/// <summary>
/// Writes a starting mapping for a file from its header and a sample of its rows: which column
/// is which field (by name and synonyms, and by what the values look like), each date column's
/// format, translations for the values it recognises and a list of those it does not, and the
/// columns nothing reads under <c>ignore</c>. A suggestion, with comments saying why, for a person
/// to check: it writes nothing to the store.
/// </summary>
public static class MappingSuggester
{
    /// <summary>Rows looked at.</summary>
    public const int SampleRows = 1000;

    private static readonly HashSet<string> Placeholders = new(["unknown", "n/a", "na", "none", "null", "-", "(none)", "not set", "(not set)", "undefined"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Suggests a mapping for importing the file at <paramref name="path"/> (CSV or an .xlsx
    /// workbook, told apart by content as the import does; <paramref name="sheet"/> names a
    /// workbook's sheet) as <paramref name="kind"/>.
    /// </summary>
    /// <exception cref="ImportFileException">The file cannot be read as CSV or as a workbook.</exception>
    public static string Suggest(string path, ImportKind kind, string? sheet = null)
    {
        using var rows = TableFile.Open(path, sheet);
        var sample = new List<string[]>();
        while (sample.Count < SampleRows && rows.NextRow() is { } row)
            if (!row.BadQuoting) sample.Add(row.Fields);
        return Suggest(rows.Header, sample, kind, Path.GetFileName(path));
    }

    /// <summary>Suggests a mapping from a header and sample rows of text cells (a CSV's or a spreadsheet's).</summary>
    public static string Suggest(IReadOnlyList<string> header, IReadOnlyList<string[]> sample, ImportKind kind, string fileName)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(sample);
        var columns = header.Select((h, i) => new Column(h.Trim(), i, [.. sample.Select(r => i < r.Length ? r[i].Trim() : "")])).ToList();
        var picks = Choose(kind, columns);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"# Tandem mapping suggested for {fileName} ({kind.Word()}), from its header and {sample.Count:N0} sampled rows.\n");
        text.Append("# Check every line (the comments say why each was chosen), then try it without storing anything:\n");
        text.Append(c, $"#   tandem import {kind.Word()} {fileName} --map THIS-FILE.yaml --dry-run\n");
        text.Append("# The keys are described in docs/import-formats.md.\n\n");
        if (picks.Values.Any(p => p.Date is { Format: not SourceTimes.Iso }))
            text.Append("# zone: Europe/Berlin  # the zone of the file's times, which carry no offset: name yours (without it: --zone, else UTC)\n");
        var stages = StageDates(kind, columns, picks);
        // The current stage is worth reading when the file dates stages: a current stage without its date is flagged.
        var current = kind == ImportKind.Leads && stages.Count > 0
            ? columns.Find(col => col.Key is "lifecyclestage" or "currentstage" or "leadstage" or "stage" && !picks.Values.Any(p => p.Uses(col)))
            : null;
        var unused = columns.Where(col => col.Name.Length > 0 && !picks.Values.Any(p => p.Uses(col)) && !stages.Any(d => d.Column == col) && col != current
            && col.Name != ImportLayouts.ErrorColumn).ToList();
        if (unused.Count > 0)
            text.Append(c, $"ignore: [{string.Join(", ", unused.Select(u => MappingYaml.Scalar(u.Name)))}]  # columns no field reads\n");
        text.Append('\n').Append(kind.Word()).Append(":\n");
        var context = new ImportContext("default", NodaTime.DateTimeZone.Utc, null);
        foreach (var field in GenericFields.For(kind))
        {
            if (!picks.TryGetValue(field.Name, out var pick))
            {
                if (field.Required) text.Append(c, $"  # {field.Name}: COLUMN  # required: no column looked like it; name it, or give {{ constant: VALUE }}\n");
                continue;
            }
            WriteField(text, field, pick, context);
        }
        if (current is not null)
            text.Append(c, $"  current_stage: {MappingYaml.Scalar(current.Name)}  # checked against the stage dates below, not stored\n");
        WriteStages(text, stages);
        WriteRepHint(text, kind, unused);
        return text.ToString();
    }

    /// <summary>A stage change the file dates: the lead's id column, the stage, the column of its dates, and why.</summary>
    private sealed record StageDate(Column LeadId, string Stage, Column Column, string Why);

    /// <summary>
    /// The stage changes the file dates besides KIND's records: for leads, date columns named after
    /// a stage (HubSpot's "Became a Marketing Qualified Lead Date"); for won deals, the lead's
    /// Customer stage at the closing date.
    /// </summary>
    private static List<StageDate> StageDates(ImportKind kind, List<Column> columns, Dictionary<string, Pick> picks)
    {
        var found = new List<StageDate>();
        if (kind == ImportKind.Leads && picks.TryGetValue("id", out var id) && id.Column is { } lead)
        {
            foreach (var column in columns.Where(c => c.Date is not null && !picks.Values.Any(p => p.Uses(c))))
            {
                var words = System.Text.RegularExpressions.Regex.Replace(column.Name, @"(?i)^\s*(became an?|date entered|entered)\s+|[\s_]*(date|at|on)\s*$", "");
                if (Domain.Leads.LeadStages.Normalize(words) is { } stage && !found.Any(f => f.Stage == stage))
                    found.Add(new StageDate(lead, stage, column, $"{column.Name} dates the {stage} stage"));
            }
        }
        if (kind == ImportKind.Deals && picks.TryGetValue("status", out var status) && status.Constant == "won"
            && picks.TryGetValue("lead_id", out var leadId) && leadId.Column is { } dealLead && picks.TryGetValue("closed_at", out var closed) && closed.Column is { } won)
            found.Add(new StageDate(dealLead, Domain.Leads.LeadStages.Customer, won, $"each lead became a customer when its deal was won ({won.Name})"));
        return found;
    }

    private static void WriteStages(StringBuilder text, List<StageDate> stages)
    {
        if (stages.Count == 0) return;
        var c = CultureInfo.InvariantCulture;
        text.Append("\n# Stage changes the file dates too: a row yields one only where its date is filled (only_if).\nstages:\n");
        foreach (var stage in stages)
        {
            text.Append(c, $"  - lead_id: {MappingYaml.Scalar(stage.LeadId.Name)}  # {stage.Why}\n");
            text.Append(c, $"    stage: {{ constant: {MappingYaml.Scalar(stage.Stage)} }}\n");
            var date = stage.Column.Date!;
            if (date.Format == SourceTimes.Iso) text.Append(c, $"    changed_at: {MappingYaml.Scalar(stage.Column.Name)}\n");
            else text.Append(c, $"    changed_at: {{ column: {MappingYaml.Scalar(stage.Column.Name)}, format: {MappingYaml.Scalar(date.Format)} }}\n");
            text.Append("    only_if: changed_at\n");
        }
    }

    /// <summary>A column and its sampled cells.</summary>
    private sealed class Column(string name, int index, string[] cells)
    {
        public string Name { get; } = name;

        public int Index { get; } = index;

        public string Key { get; } = FieldSynonyms.Key(name);

        public string[] Filled { get; } = [.. cells.Where(v => v.Length > 0)];

        public int Empty { get; } = cells.Count(v => v.Length == 0);

        private DateGuess? _date;
        private bool _dateKnown;

        public DateGuess? Date
        {
            get
            {
                if (!_dateKnown) (_date, _dateKnown) = (DateFormatGuesser.Guess(Filled), true);
                return _date;
            }
        }

        public bool Numeric => Filled.Length > 0 && Filled.Count(v => NumberText.TryParseDecimal(v, out _)) * 5 >= Filled.Length * 4;

        public bool Distinct => Filled.Length > 0 && Empty == 0 && Filled.Distinct(StringComparer.Ordinal).Count() == Filled.Length;
    }

    /// <summary>Where a field was found and why.</summary>
    private sealed record Pick(Column? Column, string Why)
    {
        public Column? Last { get; init; }

        public string? Constant { get; init; }

        public DateGuess? Date => Column?.Date;

        public bool Uses(Column column) => Column == column || Last == column;
    }

    private static Dictionary<string, Pick> Choose(ImportKind kind, List<Column> columns)
    {
        var fields = GenericFields.For(kind);
        var picks = new Dictionary<string, Pick>(StringComparer.Ordinal);
        bool Free(Column col) => col.Name.Length > 0 && col.Name != ImportLayouts.ErrorColumn && !picks.Values.Any(p => p.Uses(col));
        bool Fits(ImportField field, Column col) => FieldTypes.IsTime(field) || FieldTypes.IsDate(field)
            ? col.Date is not null
            : col.Date is null && (field.Name is not ("amount" or "weekly_hours") || col.Numeric);

        if (fields.Any(f => f.Name == "name"))
        {
            var first = columns.Find(col => col.Key is "firstname" or "givenname");
            var last = columns.Find(col => col.Key is "lastname" or "surname" or "familyname");
            if (first is not null && last is not null) picks["name"] = new Pick(first, "first and last name joined") { Last = last };
        }
        // Exact names first (by how telling the synonym is), then names that contain one.
        for (var rank = 0; rank < 12; rank++)
        {
            foreach (var field in fields)
            {
                if (picks.ContainsKey(field.Name)) continue;
                var names = FieldSynonyms.For(kind, field.Name);
                if (rank >= names.Count) continue;
                var found = columns.Find(col => Free(col) && col.Key == names[rank] && Fits(field, col));
                if (found is not null) picks[field.Name] = new Pick(found, rank == 0 ? "its own name" : "a usual name for it");
            }
        }
        foreach (var field in fields)
        {
            if (picks.ContainsKey(field.Name)) continue;
            var names = FieldSynonyms.For(kind, field.Name).Where(n => n.Length >= 4);
            var found = columns.Find(col => Free(col) && names.Any(n => col.Key.Contains(n, StringComparison.Ordinal)) && Fits(field, col));
            if (found is not null) picks[field.Name] = new Pick(found, $"its name is like {field.Name}'s");
        }
        if (!picks.ContainsKey("id") && fields.Any(f => f.Name == "id"))
        {
            var found = columns.Find(col => Free(col) && col.Key.EndsWith("id", StringComparison.Ordinal) && col.Distinct);
            if (found is not null) picks["id"] = new Pick(found, "no column is named like the id; this one has a different value in every sampled row");
        }
        foreach (var field in fields.Where(f => f.Required && !picks.ContainsKey(f.Name) && FieldTypes.IsTime(f)))
        {
            var found = columns.Find(col => Free(col) && col.Date is not null);
            if (found is not null) picks[field.Name] = new Pick(found, "no column is named like it; this is the first column of dates left");
        }
        if (kind == ImportKind.Deals && !picks.ContainsKey("status"))
            picks["status"] = picks.TryGetValue("closed_at", out var closed) && closed.Column!.Key.Contains("won", StringComparison.Ordinal)
                ? new Pick(null, $"no status column; every deal here has a {closed.Column.Name}, so they are won") { Constant = "won" }
                : new Pick(null, "no status column: give the status every row has (open, won, lost), or name the column") { Constant = "open" };
        return picks;
    }

    private static void WriteField(StringBuilder text, ImportField field, Pick pick, ImportContext context)
    {
        var c = CultureInfo.InvariantCulture;
        if (pick.Constant is not null)
        {
            text.Append(c, $"  {field.Name}: {{ constant: {MappingYaml.Scalar(pick.Constant)} }}  # {pick.Why}\n");
            return;
        }
        var column = pick.Column!;
        if (pick.Last is not null)
        {
            text.Append(c, $"  {field.Name}: {{ join: [{MappingYaml.Scalar(column.Name)}, {MappingYaml.Scalar(pick.Last.Name)}] }}  # {pick.Why}\n");
            return;
        }
        var notes = new List<string> { pick.Why };
        if (column.Empty > 0) notes.Add($"{column.Empty:N0} sampled rows empty");
        var lines = new List<string>();
        if ((FieldTypes.IsTime(field) || FieldTypes.IsDate(field)) && column.Date is { } date && date.Format != SourceTimes.Iso)
            lines.Add($"format: {MappingYaml.Scalar(date.Format)}  # {DateNote(date)}");
        else if (column.Date is { Format: SourceTimes.Iso }) notes.Add("ISO 8601 times: no format needed");
        var values = Values(field, column, context, notes);
        if (lines.Count == 0 && values.Count == 0)
        {
            text.Append(c, $"  {field.Name}: {MappingYaml.Scalar(column.Name)}  # {string.Join("; ", notes)}\n");
            return;
        }
        text.Append(c, $"  {field.Name}:  # {string.Join("; ", notes)}\n");
        text.Append(c, $"    column: {MappingYaml.Scalar(column.Name)}\n");
        foreach (var line in lines) text.Append(c, $"    {line}\n");
        if (values.Count == 0) return;
        text.Append("    values:\n");
        foreach (var line in values) text.Append(c, $"      {line}\n");
    }

    private static string DateNote(DateGuess date)
    {
        var fit = date.Matched == date.Total ? "every sampled value fits" : $"{date.Matched:N0} of {date.Total:N0} distinct sampled values fit; the rest will be rejected";
        if (date.Ambiguous) return $"{fit}; AMBIGUOUS: no value settles day against month, {string.Join(" or ", date.Others)} fits as well: check";
        return date.Decisive is { } value ? $"{fit}; '{value}' settles the order" : fit;
    }

    /// <summary>Translations for the values the field's reader recognises, and the others listed in comments; for text fields, the values seen.</summary>
    private static List<string> Values(ImportField field, Column column, ImportContext context, List<string> notes)
    {
        var counts = column.Filled.GroupBy(v => v, StringComparer.OrdinalIgnoreCase).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var lines = new List<string>();
        if (FieldTypes.IsVocabulary(field))
        {
            foreach (var group in counts.Take(40))
            {
                if (field.Read(group.Key, context, out var value) is null)
                {
                    if (!string.Equals(value as string, group.Key, StringComparison.OrdinalIgnoreCase)) lines.Add($"{MappingYaml.Scalar(group.Key)}: {MappingYaml.Scalar((string)value!)}");
                }
                else lines.Add($"# {MappingYaml.Scalar(group.Key)}: ?  # not recognised ({group.Count():N0} sampled rows): give Tandem's value, or \"\" for none");
            }
            return lines;
        }
        if (field.Name is "amount" or "weekly_hours")
        {
            var zeros = column.Filled.Count(v => NumberText.TryParseDecimal(v, out var n) && n == Fraction.Zero);
            if (zeros * 2 > column.Filled.Length)
                lines.Add($"\"0\": \"\"  # 0 in {zeros:N0} of {column.Filled.Length:N0} filled sampled rows: read as unknown rather than as a measured 0; delete this line if 0 is real");
            return lines;
        }
        if (field.Read == CellReaders.Text && !field.Required && counts.Count is > 0 and <= 40)
            notes.Add($"values seen: {string.Join(", ", counts.Take(10).Select(g => $"{g.Key} ({g.Count():N0})"))}{(counts.Count > 10 ? $" and {counts.Count - 10} more" : "")}");
        // Words exports write for "no value": offered, commented out, since some sources mean a real category by them.
        foreach (var group in counts.Where(g => Placeholders.Contains(g.Key.Trim())))
            lines.Add($"# {MappingYaml.Scalar(group.Key)}: \"\"  # {group.Count():N0} sampled rows: uncomment to read it as no {field.Name} rather than as a {field.Name} of its own");
        return lines;
    }

    private static void WriteRepHint(StringBuilder text, ImportKind kind, List<Column> unused)
    {
        if (kind == ImportKind.Reps) return;
        var reps = unused.Where(col => col.Key is "sdrid" or "srid" or "repid" or "salesrep" or "ownerid" || col.Key.EndsWith("repid", StringComparison.Ordinal)).ToList();
        if (reps.Count == 0) return;
        text.Append(CultureInfo.InvariantCulture, $"\n# These columns look like reps: {string.Join(", ", reps.Select(r => r.Name))}. To import the reps too, add:\n");
        text.Append("# reps:\n");
        foreach (var rep in reps) text.Append(CultureInfo.InvariantCulture, $"#   - {{ id: {MappingYaml.Scalar(rep.Name)}, only_if: id }}\n");
    }
}
