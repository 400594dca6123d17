using NodaTime;
using Tandem.Data.Agreements;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tandem.Data.Import.Mapping;

/// <summary>
/// Reads a mapping file (YAML, documented in docs/import-formats.md#mapping-files). Everything
/// that can be checked without the source file is checked here, every problem at once, each with
/// its line and key: unknown kinds and fields, a required field left unmapped, bad formats and
/// zones, malformed values.
/// </summary>
public static class MappingFile
{
    /// <summary>Keys a record may hold besides its kind's fields.</summary>
    public const string OnlyIf = "only_if", CurrentStage = "current_stage";

    private static readonly string[] FieldKeys = ["column", "join", "separator", "constant", "format", "zone", "values", "optional"];

    /// <summary>The stand-in field <c>current_stage</c> is read as (the stage a lead is in now; checked, not stored).</summary>
    internal static ImportField CurrentStageField { get; } = new(CurrentStage, "", false, CellReaders.Stage);

    /// <summary>Reads and checks the mapping file at <paramref name="path"/>.</summary>
    /// <exception cref="MappingFileException">The file is missing, unreadable or invalid.</exception>
    public static ImportMapping Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Fail(path, "--map", "not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, "--map", $"cannot be read ({e.Message})");
        }
        return Parse(text, path);
    }

    /// <summary>Reads and checks mapping <paramref name="text"/>; <paramref name="fileName"/> names it in errors.</summary>
    /// <exception cref="MappingFileException">The text is invalid.</exception>
    public static ImportMapping Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var problems = new YamlProblems(fileName);
        YamlNode? rootNode;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            rootNode = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            throw new MappingFileException([new MappingFileError(fileName, checked((int)e.Start.Line), "yaml", e.Message.Split('\n')[0].Trim())]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18 throws this instead of a YamlException for some unterminated flow collections ("[a, b").
            throw Fail(fileName, "yaml", "is not valid YAML: look for an unclosed [ or { or quote");
        }
        if (rootNode is null or YamlScalarNode { Value: null or "" })
            throw Fail(fileName, "file", "is empty; a mapping has a section per kind (see tandem import KIND FILE --suggest-map)");
        var root = YamlSection.Of(rootNode, "", problems) ?? throw Errors(problems);

        DateTimeZone? zone = null;
        if (root.Text("zone") is { } zoneName)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneName.Trim());
            if (zone is null) problems.Add(root.Get("zone")!, "zone", $"'{zoneName}' is not an IANA time zone such as America/Sao_Paulo");
        }
        var ignore = Names(root, "ignore");

        var sections = new List<MappingSection>();
        foreach (var kind in ImportKinds.All)
        {
            var word = kind.Word();
            if (!root.Has(word)) continue;
            var node = root.Get(word);
            if (node is null)
            {
                problems.Add(root.Node, word, "is empty; map the fields of one record, or list several");
                continue;
            }
            var records = new List<MappingRecord>();
            if (node is YamlSequenceNode list)
            {
                if (list.Children.Count == 0) problems.Add(node, word, "is an empty list");
                for (var i = 0; i < list.Children.Count; i++)
                    if (ReadRecord(list.Children[i], kind, $"{word}[{i + 1}]", problems) is { } record) records.Add(record);
            }
            else if (ReadRecord(node, kind, word, problems) is { } record) records.Add(record);
            sections.Add(new MappingSection(kind, YamlProblems.Line(node), records));
        }
        root.CheckUnknownKeys(["zone", "ignore", .. ImportKinds.All.Select(k => k.Word())]);
        if (sections.Count == 0 && problems.Errors.Count == 0)
            problems.Add(root.Node, "file", $"maps no kind; give a section named after one ({string.Join(", ", ImportKinds.All.Select(k => k.Word()))})");
        if (problems.Errors.Count > 0) throw Errors(problems);
        return new ImportMapping(fileName, zone, ignore, sections);
    }

    private static MappingRecord? ReadRecord(YamlNode node, ImportKind kind, string path, YamlProblems problems)
    {
        var section = YamlSection.Of(node, path, problems);
        if (section is null) return null;
        var fields = GenericFields.For(kind);
        var mapped = new List<FieldMapping>();
        foreach (var field in fields)
        {
            if (!section.Has(field.Name)) continue;
            var value = section.Get(field.Name);
            if (value is null)
            {
                problems.Add(section.Node, section.Field(field.Name), "is empty; name a column, or give { constant: VALUE }");
                continue;
            }
            if (ReadField(value, field, section.Field(field.Name), problems) is { } read) mapped.Add(read);
        }
        foreach (var missing in fields.Where(f => f.Required && !section.Has(f.Name)))
            problems.Add(section.Node, section.Field(missing.Name), $"is required for {kind.Word()}: name its column, or give {{ constant: VALUE }}");

        var onlyIf = Names(section, OnlyIf);
        foreach (var name in onlyIf.Where(n => !mapped.Any(m => m.Field.Name == n)))
            problems.Add(section.Get(OnlyIf)!, section.Field(OnlyIf), $"'{name}' is not a field this record maps ({string.Join(", ", mapped.Select(m => m.Field.Name))})");

        FieldMapping? current = null;
        string[] specials = kind == ImportKind.Leads ? [OnlyIf, CurrentStage] : [OnlyIf];
        if (kind == ImportKind.Leads && section.Get(CurrentStage) is { } stageNode)
        {
            current = ReadField(stageNode, CurrentStageField, section.Field(CurrentStage), problems);
            if (current?.Constant is not null)
            {
                problems.Add(stageNode, section.Field(CurrentStage), "names the column holding each lead's current stage; a constant cannot be checked against anything");
                current = null;
            }
        }
        section.CheckUnknownKeys([.. fields.Select(f => f.Name), .. specials]);
        return new MappingRecord(path, YamlProblems.Line(node), mapped, onlyIf, current);
    }

    private static FieldMapping? ReadField(YamlNode node, ImportField field, string path, YamlProblems problems)
    {
        var line = YamlProblems.Line(node);
        var mapping = new FieldMapping(field, path, line);
        switch (node)
        {
            case YamlScalarNode scalar:
                return mapping with { Columns = [scalar.Value ?? ""] };
            case YamlSequenceNode:
                var alternatives = ScalarList(node, path, problems);
                if (alternatives.Count == 0) problems.Add(node, path, "is an empty list; name at least one column");
                return mapping with { Columns = alternatives };
        }
        var section = YamlSection.Of(node, path, problems);
        if (section is null) return null;
        var columns = section.Get("column") is { } c ? ScalarList(c, section.Field("column"), problems) : [];
        var join = section.Get("join") is { } j ? ScalarList(j, section.Field("join"), problems) : [];
        if (section.Get("join") is YamlScalarNode) problems.Add(section.Get("join")!, section.Field("join"), "must be a list of the columns to join, e.g. [First Name, Last Name]");
        var separator = section.Has("separator") ? section.Get("separator") is { } s ? section.Scalar(s, section.Field("separator")) ?? " " : "" : " ";
        string? constant = null;
        var constantLine = line;
        if (section.Has("constant"))
        {
            var constantNode = section.Get("constant");
            constant = constantNode is null ? "" : section.Scalar(constantNode, section.Field("constant"));
            if (constantNode is not null) constantLine = YamlProblems.Line(constantNode);
            if (constant is not null && columns.Count + join.Count > 0)
                problems.Add(node, path, "gives both a constant and a column; give one");
            if (constant is { Length: 0 } && field.Required)
                problems.Add(constantNode ?? node, section.Field("constant"), $"is empty, but {field.Name} is required");
        }
        else if (columns.Count + join.Count == 0)
            problems.Add(node, path, "needs column, join or constant");
        if (section.Has("separator") && join.Count == 0) problems.Add(section.Get("separator") ?? node, section.Field("separator"), "applies to join only");

        var isTime = FieldTypes.IsTime(field);
        var isDate = FieldTypes.IsDate(field);
        var formats = section.Get("format") is { } f ? ScalarList(f, section.Field("format"), problems) : [];
        if (formats.Count > 0 && !isTime && !isDate)
            problems.Add(section.Get("format")!, section.Field("format"), $"applies to times and dates; {field.Name} is neither");
        else
            foreach (var format in formats)
                if (SourceTimes.Check(format) is { } reason) problems.Add(section.Get("format")!, section.Field("format"), reason);

        DateTimeZone? zone = null;
        if (section.Text("zone") is { } zoneName)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneName.Trim());
            if (zone is null) problems.Add(section.Get("zone")!, section.Field("zone"), $"'{zoneName}' is not an IANA time zone such as America/Sao_Paulo");
            else if (!isTime) problems.Add(section.Get("zone")!, section.Field("zone"), $"applies to times; {field.Name} is not one");
        }

        var values = new List<ValueTranslation>();
        if (section.Get("values") is { } valuesNode)
        {
            if (valuesNode is not YamlMappingNode pairs)
                problems.Add(valuesNode, section.Field("values"), "must map the source's values to Tandem's, e.g. { closed_won: won, \"0\": \"\" }");
            else
                foreach (var (from, to) in pairs.Children)
                {
                    var key = from is YamlScalarNode k ? k.Value ?? "" : null;
                    var target = to is YamlScalarNode t ? t.Value ?? "" : null;
                    if (key is null || target is null)
                    {
                        problems.Add(from, section.Field("values"), "each value must map one source value to one Tandem value");
                        continue;
                    }
                    if (values.Any(v => string.Equals(v.From.Trim(), key.Trim(), StringComparison.OrdinalIgnoreCase)))
                        problems.Add(from, $"{section.Field("values")}.{key}", "is translated twice");
                    values.Add(new ValueTranslation(key, target, YamlProblems.Line(from)));
                }
        }

        var optional = false;
        if (section.Text("optional") is { } optionalText)
        {
            if (optionalText is "true" or "false") optional = optionalText == "true";
            else problems.Add(section.Get("optional")!, section.Field("optional"), $"'{optionalText}' is not true or false");
        }
        section.CheckUnknownKeys(FieldKeys);
        return mapping with
        {
            Columns = columns, Join = join, Separator = separator, Constant = constant, ConstantLine = constantLine,
            Formats = formats, Zone = zone, Values = values, Optional = optional,
        };
    }

    /// <summary>A scalar or a list of scalars under <paramref name="key"/>, as names.</summary>
    private static List<string> Names(YamlSection section, string key)
    {
        var node = section.Get(key);
        return node is null ? [] : ScalarList(node, section.Field(key), section.Problems);
    }

    private static List<string> ScalarList(YamlNode node, string path, YamlProblems problems)
    {
        if (node is YamlScalarNode scalar) return [scalar.Value ?? ""];
        if (node is not YamlSequenceNode list)
        {
            problems.Add(node, path, $"must be a name or a list of names, not {YamlSection.Describe(node)}");
            return [];
        }
        var names = new List<string>();
        foreach (var item in list.Children)
        {
            if (item is YamlScalarNode { Value: { } value } && value.Trim().Length > 0) names.Add(value.Trim());
            else problems.Add(item, path, $"must list names, not {YamlSection.Describe(item)}");
        }
        return names;
    }

    private static MappingFileException Errors(YamlProblems problems) =>
        new([.. problems.Errors.Select(e => new MappingFileError(e.File, e.Line, e.Field, e.Reason))]);

    private static MappingFileException Fail(string file, string key, string reason) => new([new MappingFileError(file, 0, key, reason)]);
}
