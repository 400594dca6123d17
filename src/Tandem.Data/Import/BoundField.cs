namespace Tandem.Data.Import;

/// <summary>A field bound to where a layout finds its text in a row; <paramref name="Label"/> names the column(s) in errors.</summary>
public sealed record BoundField(ImportField Field, string Label, Func<string[], string> Read);

/// <summary>A column holding the time a lead entered <paramref name="Stage"/> (HubSpot's "Became a ... Date").</summary>
public sealed record DerivedStage(string Stage, string Label, int Index, CellReader Read);
