namespace Tandem.Cli;

/// <summary>The exit codes every verb uses; scripts rely on them.</summary>
public static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Success = 0;

    /// <summary>The verb ran, but some input rows were rejected (each named on stderr).</summary>
    public const int RowsRejected = 1;

    /// <summary>Usage or input error: nothing was done; one line per problem on stderr.</summary>
    public const int UsageError = 2;
}
