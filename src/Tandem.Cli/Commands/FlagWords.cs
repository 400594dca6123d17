using Tandem.Data.UseCases;

namespace Tandem.Cli.Commands;

/// <summary>A use case's field problems in the command line's words: each field by its flag or argument.</summary>
public static class FlagWords
{
    /// <summary>
    /// <c>--flag: reason</c>; a <c>file</c> reason as it is (it starts with the file's name), and a
    /// layout's after <c>--from</c> (its reason starts with the layout named).
    /// </summary>
    public static string Text(FieldProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Field switch
        {
            "file" => problem.Reason,
            "layout" => $"--from {problem.Reason}",
            _ => $"{Flag(problem.Field)}: {problem.Reason}",
        };
    }

    private static string Flag(string field) => field switch
    {
        "kind" or "version" => field,
        "batchSize" => "--batch-size",
        "timeZone" => "--zone",
        _ => "--" + field,
    };
}
