using Tandem.Data.Store;

namespace Tandem.Data.UseCases;

/// <summary>The version now active, or why it was not activated (nothing changed).</summary>
public sealed record ActivationResult(StoredAgreement? Active, IReadOnlyList<FieldProblem> Problems);
