namespace Tandem.Data.Agreements;

/// <summary>An agreement file could not be read; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class AgreementFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="errors"/> (at least one).</summary>
    public AgreementFileException(IReadOnlyList<AgreementFileError> errors)
        : base(string.Join(Environment.NewLine, errors ?? []))
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0) throw new ArgumentException("at least one error is needed", nameof(errors));
        Errors = errors;
    }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<AgreementFileError> Errors { get; }
}
