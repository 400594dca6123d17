namespace Tandem.Data.Import.Mapping;

/// <summary>
/// What kind of value a field holds, as far as a mapping cares: a time or a date takes a format
/// (and a time a zone). Recognised by the field's reader, so a kind added to
/// <see cref="GenericFields"/> with the same readers gets formats for free.
/// </summary>
public static class FieldTypes
{
    /// <summary>Whether <paramref name="field"/> is a time (an instant).</summary>
    public static bool IsTime(ImportField field) => field?.Read == GenericFields.IsoTime;

    /// <summary>Whether <paramref name="field"/> is a calendar date.</summary>
    public static bool IsDate(ImportField field) => field?.Read == CellReaders.Date;

    /// <summary>Whether <paramref name="field"/> takes one of a fixed set of words (stage, channel, outcome, status).</summary>
    public static bool IsVocabulary(ImportField field) =>
        field?.Read == CellReaders.Stage || field?.Read == CellReaders.Channel || field?.Read == CellReaders.Outcome || field?.Read == CellReaders.Status;
}
