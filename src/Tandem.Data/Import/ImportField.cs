namespace Tandem.Data.Import;

/// <summary>
/// Reads one non-empty cell: returns null and sets <paramref name="value"/> (a <see cref="long"/>
/// or <see cref="string"/> for the database) when the text is valid, else the reason it is not.
/// </summary>
public delegate string? CellReader(string text, ImportContext context, out object? value);

/// <summary>
/// One field a kind of record has: the column name of the generic format, the database column it
/// fills, whether a row needs it, and how its text is read.
/// </summary>
public sealed record ImportField(string Name, string Column, bool Required, CellReader Read)
{
    /// <summary>An optional field whose column name is also its database column.</summary>
    public static ImportField Optional(string name, CellReader read) => new(name, name, false, read);

    /// <summary>A required field whose column name is also its database column.</summary>
    public static ImportField Needed(string name, CellReader read) => new(name, name, true, read);
}
