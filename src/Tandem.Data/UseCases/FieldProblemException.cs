namespace Tandem.Data.UseCases;

/// <summary>
/// A store operation refused one input: the <see cref="FieldProblem"/> travels with it, so each
/// front end names the field in its own words (the message is the reason alone, without a field).
/// </summary>
public sealed class FieldProblemException : ArgumentException
{
    /// <summary>Refuses <paramref name="problem"/>'s field.</summary>
    public FieldProblemException(FieldProblem problem)
        : base((problem ?? throw new ArgumentNullException(nameof(problem))).Reason) => Problem = problem;

    /// <summary>The field, the value given and why.</summary>
    public FieldProblem Problem { get; }
}
