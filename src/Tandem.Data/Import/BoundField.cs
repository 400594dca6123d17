namespace Tandem.Data.Import;

/// <summary>A field bound to where a layout finds its text in a row; <paramref name="Label"/> names the column(s) in errors.</summary>
public sealed record BoundField(ImportField Field, string Label, Func<string[], string> Read);
