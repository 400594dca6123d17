using System.CommandLine;

namespace Tandem.Cli.Commands;

/// <summary>What <c>tandem plan</c> was asked, as typed (values are parsed with their flag names).</summary>
public sealed record PlanRequest(
    string? Quota,
    string? MarketingShare,
    string? DealSize,
    string? CloseRate,
    IReadOnlyList<string> Stages,
    string? AgreementPath,
    bool Example,
    string? Period,
    int? SalesCycle,
    bool Daily,
    string Format);

/// <summary>The flags of <c>tandem plan</c>.</summary>
public sealed class PlanOptions
{
    private readonly Option<string?> _quota = new("--quota") { Description = "Sales quota for the period, e.g. 500000 or 500,000." };
    private readonly Option<string?> _share = new("--marketing-share") { Description = "Share of revenue from marketing-generated leads, e.g. 60% (default 100%)." };
    private readonly Option<string?> _dealSize = new("--deal-size") { Description = "Average deal size, e.g. 2000." };
    private readonly Option<string?> _closeRate = new("--close-rate") { Description = "Simple form: lead-to-customer close rate, e.g. 20%, 0.2 or 1/5." };
    private readonly Option<string[]> _stages = new("--stage")
    {
        Description = "Multi-stage form, repeated top to bottom: NAME=RATE, the rate at which the stage converts into the next (the last into Customer), e.g. --stage MQL=1/3 --stage SQL=82% --stage Opportunity=23%.",
        AllowMultipleArgumentsPerToken = false,
    };
    private readonly Option<string?> _agreement = new("--agreement") { Description = "Agreement file (YAML) to plan from; other flags override its values." };
    private readonly Option<bool> _example = new("--example") { Description = "Plan the seeds' worked example: quota 500,000, deal size 2,000, MQL 1/3, SQL 82%, Opportunity 23%." };
    private readonly Option<string?> _period = new("--period") { Description = "Period planned for: 2026-11 (month), 2026-Q4 (quarter) or 2026 (year); default the agreement's." };
    private readonly Option<int?> _salesCycle = new("--sales-cycle") { Description = "Sales cycle in whole periods, for the lead-buying horizon (default the agreement's, else 0)." };
    private readonly Option<bool> _daily = new("--daily") { Description = "Also print the period's daily cumulative goal line with its tolerance band." };
    private readonly Option<string> _format = FormatOption.Create();

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { _quota, _share, _dealSize, _closeRate, _stages, _agreement, _example, _period, _salesCycle, _daily, _format })
            command.Add(option);
    }

    /// <summary>Reads the flags as typed.</summary>
    public PlanRequest Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new PlanRequest(
            parse.GetValue(_quota),
            parse.GetValue(_share),
            parse.GetValue(_dealSize),
            parse.GetValue(_closeRate),
            parse.GetValue(_stages) ?? [],
            parse.GetValue(_agreement),
            parse.GetValue(_example),
            parse.GetValue(_period),
            parse.GetValue(_salesCycle),
            parse.GetValue(_daily),
            parse.GetValue(_format) ?? FormatOption.Table);
    }
}
