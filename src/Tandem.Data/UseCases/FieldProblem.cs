namespace Tandem.Data.UseCases;

/// <summary>
/// Why a use case refused one of its inputs. <paramref name="Field"/> is a stable name (kind,
/// layout, source, sheet, map, batchSize, errors, file; action, reason, until) that each front end
/// words its own way (the CLI a flag, a page its form field's label, the API a JSON pointer), so no
/// front end rewrites another's message.
/// </summary>
/// <param name="Field">The input at fault.</param>
/// <param name="Value">The value given, as given; null when none was.</param>
/// <param name="Reason">Why, without naming the field: a front end puts its own name for it first. A <c>file</c> reason starts with the file's name, as a compiler's message does.</param>
public sealed record FieldProblem(string Field, string? Value, string Reason);
