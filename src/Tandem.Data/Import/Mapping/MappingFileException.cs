namespace Tandem.Data.Import.Mapping;

/// <summary>One problem in a mapping file: the file, its 1-based line (0 when the whole file is at fault), the key, and why.</summary>
public sealed record MappingFileError(string File, int Line, string Key, string Reason)
{
    /// <summary><c>file:line: key: reason</c>, the way compilers report, so editors can jump to it.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Key}: {Reason}" : $"{File}: {Key}: {Reason}";
}

/// <summary>
/// A mapping file that cannot be used (or cannot be used with this file's header): every problem
/// is listed, and nothing was written. It is an <see cref="ImportFileException"/>, so every caller
/// that refuses a file whole refuses it the same way.
/// </summary>
public sealed class MappingFileException : ImportFileException
{
    /// <summary>Creates the exception for <paramref name="errors"/> (at least one).</summary>
    public MappingFileException(IReadOnlyList<MappingFileError> errors)
        : base(string.Join(Environment.NewLine, errors ?? []))
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0) throw new ArgumentException("at least one error is needed", nameof(errors));
        Errors = errors;
    }

    /// <summary>Not used; present for the standard constructors.</summary>
    public MappingFileException() => Errors = [];

    /// <summary>Not used; present for the standard constructors.</summary>
    public MappingFileException(string message) : base(message) => Errors = [];

    /// <summary>Not used; present for the standard constructors.</summary>
    public MappingFileException(string message, Exception inner) : base(message, inner) => Errors = [];

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<MappingFileError> Errors { get; }
}
