namespace Tandem.Data.Import;

/// <summary>A file refused whole (unreadable, not CSV, a required column missing): nothing was written.</summary>
public class ImportFileException : Exception
{
    /// <summary>Creates the exception; the message names the file and says why.</summary>
    public ImportFileException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ImportFileException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Not used; present for the standard constructors.</summary>
    public ImportFileException()
    {
    }
}
