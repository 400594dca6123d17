using Tandem.Domain.Agreements;
using Tandem.Domain.Numbers;
using Tandem.Domain.Pacing;
using Tandem.Domain.Periods;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tandem.Data.Agreements;

/// <summary>
/// Reads the agreement file, the YAML a person edits by hand (documented in docs/agreement-file.md).
/// Every problem is reported at once, each with its line, so a file can be fixed in one pass.
/// </summary>
public static class AgreementFile
{
    private static readonly string[] TopLevelKeys =
        ["schemaVersion", "name", "period", "currency", "quota", "marketingShare", "dealSize", "goal", "tolerance",
         "pacing", "salesCycle", "funnel", "closeRate", "segments", "leadTypes", "calendar", "teams", "sales", "capacity", "signatories", "reviewEvery", "deliverables"];

    /// <summary>Reads and checks the file at <paramref name="path"/>.</summary>
    /// <exception cref="AgreementFileException">The file is missing, unreadable or invalid.</exception>
    public static Agreement Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Fail(path, "agreement file", "not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, "agreement file", $"cannot be read ({e.Message})");
        }
        return Parse(text, path);
    }

    /// <summary>Reads and checks agreement-file <paramref name="text"/>; <paramref name="fileName"/> names it in errors.</summary>
    /// <exception cref="AgreementFileException">The text is invalid.</exception>
    public static Agreement Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new YamlProblems(fileName);
        YamlNode? rootNode;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 1) problems.Add(checked((int)stream.Documents[1].RootNode.Start.Line), "file", "holds more than one YAML document; keep one agreement per file");
            rootNode = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            throw new AgreementFileException([new AgreementFileError(fileName, checked((int)e.Start.Line), "yaml", FirstLine(e.Message))]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18's scanner throws "Operation is not valid due to the current state of the
            // object" instead of a YamlException for some unterminated flow collections ("[a, b").
            throw Fail(fileName, "yaml", "is not valid YAML: look for an unclosed [ or { or quote");
        }
        if (rootNode is null or YamlScalarNode { Value: null or "" })
            throw Fail(fileName, "file", "is empty; run tandem init to write a starter agreement");
        var root = YamlSection.Of(rootNode, "", problems);
        if (root is null) throw new AgreementFileException(problems.Errors);

        if (!ReadSchemaVersion(root)) throw new AgreementFileException(problems.Errors);
        var name = root.Required("name");
        var period = root.Parse("period", Period.Parse, required: true);
        var currency = root.Text("currency")?.Trim() ?? "USD";
        var tolerance = root.Parse("tolerance", Share.Parse);
        var pacing = root.Text("pacing")?.Trim() switch
        {
            null or "calendar-days" => PacingBasis.CalendarDays,
            "working-days" => PacingBasis.WorkingDays,
            var other => Refused(root, "pacing", $"'{other}' is not a pacing basis; write calendar-days or working-days"),
        };
        var cycle = root.Parse("salesCycle", WholePeriods);
        var plan = PlanSection.Read(root);
        var calendar = CalendarSection.Read(root);
        var teams = TeamsSection.Read(root, calendar, plan?.Segments.Select(s => s.Name).ToList());
        var sales = SalesSection.Read(root);
        var (capacityOk, capacity) = CapacitySection.Read(root);
        var signatories = SignatoriesSection.Read(root);
        var review = SignatoriesSection.ReadReview(root);
        var (deliverablesOk, deliverables) = DeliverablesSection.Read(root);
        root.CheckUnknownKeys(TopLevelKeys);

        Agreement? agreement = null;
        if (problems.Errors.Count == 0 && name is not null && period is not null && plan is not null && calendar is not null && teams is not null && sales is not null && pacing is not null && capacityOk && deliverablesOk && signatories is not null && review is not null)
        {
            agreement = problems.Try(rootNode, () => new Agreement(name, period.Value, currency, plan,
                tolerance is { } band ? Tolerance.Of(band) : Tolerance.Default, pacing.Value, cycle ?? 0, calendar, sales, teams) { Capacity = capacity, Signatories = signatories, ReviewMonths = review.Value, Deliverables = deliverables });
        }
        if (problems.Errors.Count > 0 || agreement is null)
            throw new AgreementFileException([.. problems.Errors.OrderBy(e => e.Line)]);
        return agreement;
    }

    private static bool ReadSchemaVersion(YamlSection root)
    {
        var text = root.Text("schemaVersion");
        if (text is null)
        {
            root.Problems.Add(root.Node, "schemaVersion", $"is required; this Tandem reads schemaVersion: {Agreement.CurrentSchemaVersion}");
            return false;
        }
        if (!int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            root.Problems.Add(root.Get("schemaVersion")!, "schemaVersion", $"'{text}' is not a schema version; write {Agreement.CurrentSchemaVersion}");
            return false;
        }
        if (version > Agreement.CurrentSchemaVersion)
        {
            root.Problems.Add(root.Get("schemaVersion")!, "schemaVersion",
                $"{version} was written by a newer Tandem; this one reads schemaVersion {Agreement.CurrentSchemaVersion}: upgrade Tandem");
            return false;
        }
        return true;
    }

    private static int WholePeriods(string text, string field) =>
        int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new InvalidInputException(field, $"'{text}' is not a whole number of periods");

    private static PacingBasis? Refused(YamlSection root, string key, string reason)
    {
        root.Problems.Add(root.Get(key)!, key, reason);
        return null;
    }

    private static AgreementFileException Fail(string file, string field, string reason) =>
        new([new AgreementFileError(file, 0, field, reason)]);

    private static string FirstLine(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): " to its messages; the line is reported separately.
        var text = message.Split('\n')[0];
        var cut = text.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? text[(cut + 3)..] : text;
    }
}
