namespace Tandem.Data.Import;

/// <summary>Why a row was rejected: its physical line (the header is line 1), the column, the reason.</summary>
public sealed record ImportProblem(int Line, string Column, string Reason)
{
    /// <summary><c>FILE:LINE: COLUMN: REASON</c>, the form every file error takes.</summary>
    public string Describe(string file) => $"{file}:{Line}: {Column}: {Reason}";
}
