namespace Tandem.Data.Agreements;

/// <summary>One problem in an agreement file: where it is (file, 1-based line; 0 when the whole file is at fault), which field, and why.</summary>
public sealed record AgreementFileError(string File, int Line, string Field, string Reason)
{
    /// <summary><c>file:line: field: reason</c>, the way compilers report, so editors can jump to it.</summary>
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}: {Field}: {Reason}" : $"{File}: {Field}: {Reason}";
}
