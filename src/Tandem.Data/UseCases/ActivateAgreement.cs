using System.Data.Common;
using NodaTime;
using Tandem.Data.Store;
using Tandem.Domain.Numbers;
using Period = Tandem.Domain.Periods.Period;

namespace Tandem.Data.UseCases;

/// <summary>
/// Activating an agreement, for every front end (<c>tandem agreement activate</c>, the Agreement
/// page): reads the periods, then puts the version in force at the clock's now
/// (<see cref="AgreementLifecycle.ActivateAsync"/>: who must have signed, which version it
/// supersedes). Re-clocking the leads on the new terms is the projector's: the catch-up sees the
/// agreements changed, at once on the command line, in the background on the server.
/// </summary>
public static class ActivateAgreement
{
    /// <summary>Activates <paramref name="input"/>'s version, or says why not (version, from, until).</summary>
    public static async Task<ActivationResult> RunAsync(DbConnection connection, AgreementActivation input, IClock clock, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(clock);
        var problems = new List<FieldProblem>();
        var first = PeriodOf(input.From, "from", problems);
        var last = PeriodOf(input.Until, "until", problems);
        if (problems.Count > 0) return new(null, problems);
        try
        {
            return new(await AgreementLifecycle.ActivateAsync(connection, input.Version, first, last, clock.GetCurrentInstant(), cancel).ConfigureAwait(false), []);
        }
        catch (InvalidInputException e)
        {
            var value = e.Field switch
            {
                "from" => input.From,
                "until" => input.Until,
                _ => input.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            return new(null, [new FieldProblem(e.Field, value, e.Reason)]);
        }
    }

    private static Period? PeriodOf(string? text, string field, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return Period.Parse(text, field);
        }
        catch (InvalidInputException e)
        {
            problems.Add(new FieldProblem(field, text, e.Reason));
            return null;
        }
    }
}
