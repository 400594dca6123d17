namespace Tandem.Data.UseCases;

/// <summary>
/// One record handed to <see cref="IngestRecords"/>, read by a front end from its own format (a JSON
/// item, a form): the system it comes from (null for <see cref="IngestRecords.DefaultSource"/>), its
/// fields as texts (null empties a field; a field left out is left as it is), and what the front end
/// could not read of it (a value of the wrong JSON type), which refuses the record without losing
/// its place in the batch.
/// </summary>
public sealed record RecordInput(string? Source, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<FieldProblem>? Unreadable = null);
