namespace Tandem.Domain.Numbers;

/// <summary>
/// A user-supplied value is not acceptable. <see cref="Field"/> names the value the way the user
/// wrote it (a command-line flag such as <c>--quota</c>, or an agreement-file path such as
/// <c>segments[2].share</c>); <see cref="Reason"/> says why, in words a user can act on.
/// </summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>Creates the error for <paramref name="field"/> with <paramref name="reason"/>.</summary>
    public InvalidInputException(string field, string reason)
        : base($"{field}: {reason}")
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>The flag, field or path the value came from.</summary>
    public string Field { get; }

    /// <summary>Why the value was refused.</summary>
    public string Reason { get; }

    /// <summary>The same error under another field name (e.g. a flag mapped to a file path).</summary>
    public InvalidInputException WithField(string field) => new(field, Reason);
}
