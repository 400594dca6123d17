namespace Tandem.Data.UseCases;

/// <summary>Activating a signed version as a front end received it: its number, and the first and last periods it is active for as given (null: the defaults).</summary>
public sealed record AgreementActivation(long Version, string? From, string? Until);
