using NodaTime;

namespace Tandem.Data.Import.Mapping;

/// <summary>
/// Binds a mapping to a file's header and the import's context: finds every column (the first
/// present of alternatives; a join of those present), composes each field's reader from its
/// translations, formats and zone, and checks constants and translations with the very readers
/// the rows go through. Every problem is reported at once, with the mapping file's line and key,
/// before anything is written.
/// </summary>
public static class MappingBinder
{
    /// <summary>Binds <paramref name="mapping"/> for an import of <paramref name="kind"/> from <paramref name="dataFile"/> with <paramref name="header"/>.</summary>
    /// <exception cref="MappingFileException">The mapping has no section for the kind, or does not fit the header or the agreement.</exception>
    /// <exception cref="ImportFileException">The header repeats a column.</exception>
    public static RowMapper Bind(ImportMapping mapping, ImportKind kind, IReadOnlyList<string> header, ImportContext context, string dataFile)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(context);
        var section = mapping.Section(kind) ?? throw new MappingFileException([NoSection(mapping, kind)]);
        var columns = new HeaderColumns(header);
        var problems = new List<MappingFileError>();
        var bindings = new List<RecordBinding>();
        BoundField? currentStage = null;
        var datedStages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in new[] { section }.Concat(mapping.Sections.Where(s => s.Kind != kind).OrderBy(s => Order(s.Kind))))
        {
            foreach (var record in part.Records)
            {
                var bound = new List<BoundField>();
                var dropped = false;
                foreach (var field in record.Fields)
                {
                    var read = BindField(mapping, field, columns, context, dataFile, header, problems);
                    if (read is null) dropped |= field.Field.Required;
                    else bound.Add(read);
                }
                if (record.CurrentStage is { } stage && BindField(mapping, stage, columns, context, dataFile, header, problems) is { } current)
                    currentStage ??= current;
                var onlyIf = record.OnlyIf.Select(n => bound.Find(b => b.Field.Name == n)).ToList();
                // A record whose required or only_if field has no column in this file can never be yielded: it is left out.
                if (dropped || onlyIf.Any(b => b is null)) continue;
                bindings.Add(new RecordBinding(part.Kind, bound, onlyIf!));
                if (part.Kind == ImportKind.Stages && record.Fields.FirstOrDefault(f => f.Field.Name == "stage")?.Constant is { } constant && context.Stage(constant) is { } dated)
                    datedStages.Add(dated);
            }
        }
        if (problems.Count == 0 && (bindings.Count == 0 || bindings[0].Kind != kind))
            problems.Add(new MappingFileError(mapping.File, section.Line, kind.Word(),
                $"no record of it can be read from {dataFile}: the columns of its required fields are all absent (found: {Found(header)})"));
        if (problems.Count > 0) throw new MappingFileException(problems);
        var ignore = new HashSet<string>(mapping.Ignore, StringComparer.OrdinalIgnoreCase);
        var unused = columns.Unused();
        return new RowMapper(kind, context, bindings, [.. unused.Where(c => !ignore.Contains(c))], columns.Count)
        {
            MappingIgnored = [.. unused.Where(ignore.Contains)],
            CurrentStage = currentStage,
            DatedStages = datedStages,
        };
    }

    /// <summary>The error for an import of <paramref name="kind"/> with a mapping that has no section for it.</summary>
    public static MappingFileError NoSection(ImportMapping mapping, ImportKind kind)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return new MappingFileError(mapping.File, 0, kind.Word(),
            $"the mapping has no {kind.Word()} section (it maps {string.Join(", ", mapping.Kinds.Select(k => k.Word()))}); import one of those, or add a {kind.Word()}: section");
    }

    private static int Order(ImportKind kind) => ImportKinds.All.ToList().IndexOf(kind);

    private static BoundField? BindField(ImportMapping mapping, FieldMapping field, HeaderColumns columns, ImportContext context, string dataFile,
        IReadOnlyList<string> header, List<MappingFileError> problems)
    {
        Func<string[], string> raw;
        string label;
        if (field.Constant is { } constant)
        {
            raw = _ => constant;
            label = field.Path;
        }
        else
        {
            var joined = field.Join.Select(c => (Name: c, Index: columns.IndexOf(c))).Where(c => c.Index >= 0).ToArray();
            var index = joined.Length == 0 && field.Columns.Count > 0 ? columns.IndexOf([.. field.Columns]) : -1;
            if (joined.Length > 0)
            {
                var separator = field.Separator;
                var indexes = joined.Select(j => j.Index).ToArray();
                raw = r => string.Join(separator, indexes.Select(i => ImportLayouts.Cell(r, i).Trim()).Where(s => s.Length > 0));
                label = string.Join("/", joined.Select(j => header[j.Index].Trim()));
            }
            else if (index >= 0)
            {
                raw = r => ImportLayouts.Cell(r, index);
                label = header[index].Trim();
            }
            else
            {
                if (field.Optional) return null;
                var wanted = field.Join.Concat(field.Columns).ToList();
                var reason = wanted.Count == 1
                    ? $"column '{wanted[0]}' is not in {dataFile} (found: {Found(header)})"
                    : $"none of the columns {string.Join(", ", wanted.Select(w => $"'{w}'"))} is in {dataFile} (found: {Found(header)})";
                // Said once, at the first field that wants it: five stage records reading one missing id column are one problem.
                if (!problems.Any(p => p.Reason == reason)) problems.Add(new MappingFileError(mapping.File, field.Line, field.Path, reason));
                return null;
            }
        }

        var text = raw;
        if (field.Values.Count > 0)
        {
            var translations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var value in field.Values) translations[value.From.Trim()] = value.To;
            text = r =>
            {
                var cell = raw(r);
                return translations.TryGetValue(cell.Trim(), out var to) ? to : cell;
            };
        }

        var reader = Reader(field, mapping.Zone);
        if (field.Constant is { Length: > 0 } value0 && reader(value0, context, out _) is { } bad)
            problems.Add(new MappingFileError(mapping.File, field.ConstantLine, $"{field.Path}.constant", bad));
        foreach (var translation in field.Values.Where(v => v.To.Trim().Length > 0))
            if (reader(translation.To, context, out _) is { } wrong)
                problems.Add(new MappingFileError(mapping.File, translation.Line, $"{field.Path}.values.{translation.From}", wrong));
        if (field.Values.Count > 0)
        {
            var inner = reader;
            reader = (string t, ImportContext c, out object? v) =>
                inner(t, c, out v) is { } error ? $"{error}; translate it under values in the mapping" : null;
        }
        return new BoundField(field.Field with { Read = reader }, label, text);
    }

    /// <summary>The field's reader: its own, or for a time or date one that reads the mapping's formats and zone.</summary>
    private static CellReader Reader(FieldMapping field, DateTimeZone? mappingZone)
    {
        if (FieldTypes.IsTime(field.Field))
        {
            if (field.Formats.Count == 0 && field.Zone is null && mappingZone is null) return field.Field.Read;
            var times = new SourceTimes(field.Formats);
            var zone = field.Zone ?? mappingZone;
            return (string text, ImportContext context, out object? value) =>
            {
                value = null;
                var instant = times.Parse(text, zone ?? context.Zone);
                if (instant is null) return $"'{CellReaders.Shorten(text)}' is not a time ({times.Expected})";
                value = instant.Value.ToUnixTimeMilliseconds();
                return null;
            };
        }
        if (FieldTypes.IsDate(field.Field) && field.Formats.Count > 0)
        {
            var dates = new SourceTimes(field.Formats);
            return (string text, ImportContext _, out object? value) =>
            {
                var date = dates.ParseDate(text);
                value = date is null ? null : NodaTime.Text.LocalDatePattern.Iso.Format(date.Value);
                return value is null ? $"'{CellReaders.Shorten(text)}' is not a date ({dates.Expected})" : null;
            };
        }
        return field.Field.Read;
    }

    private static string Found(IReadOnlyList<string> header) => string.Join(", ", header.Select(h => h.Trim()).Where(h => h.Length > 0).Take(20));
}
