namespace Tandem.Data.Import;

/// <summary>
/// A file refused whole (unreadable, not CSV, a required column missing): nothing was written.
/// <see cref="Field"/> names the input at fault in words no front end owns, so each names it in its
/// own (a flag, a form field); the message keeps the command line's wording for callers that print it as is.
/// </summary>
public class ImportFileException : Exception
{
    /// <summary>Creates the exception; the message names the file and says why.</summary>
    public ImportFileException(string message) : base(message) => Reason = message;

    /// <summary>Creates the exception with its cause.</summary>
    public ImportFileException(string message, Exception inner) : base(message, inner) => Reason = message;

    /// <summary>A refusal for an input besides the file's content: <paramref name="field"/> (sheet, layout, errors) and why, without naming it; <paramref name="message"/> is the command line's wording.</summary>
    public ImportFileException(string field, string reason, string message) : base(message)
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>Not used; present for the standard constructors.</summary>
    public ImportFileException() => Reason = Message;

    /// <summary>The input at fault: <c>file</c> (the file itself, its header or content), <c>sheet</c>, <c>layout</c> or <c>errors</c>.</summary>
    public string Field { get; } = "file";

    /// <summary>Why, without naming <see cref="Field"/> (a <c>file</c> reason starts with the file's name, as a compiler's does).</summary>
    public string Reason { get; }
}
