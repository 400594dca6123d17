using System.CommandLine;

namespace Tandem.Cli.Commands;

/// <summary>The <c>--format table|json</c> option every verb that prints data takes.</summary>
public static class FormatOption
{
    /// <summary>Human-readable aligned text (the default).</summary>
    public const string Table = "table";

    /// <summary>One stable JSON document (see docs/cli.md).</summary>
    public const string Json = "json";

    /// <summary>Creates the option.</summary>
    public static Option<string> Create()
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format: table (default) or json.",
            DefaultValueFactory = _ => Table,
        };
        option.AcceptOnlyFromAmong(Table, Json);
        return option;
    }
}
