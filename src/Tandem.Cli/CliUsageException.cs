namespace Tandem.Cli;

/// <summary>A usage error found while running a verb (a missing file, conflicting flags); exit 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
