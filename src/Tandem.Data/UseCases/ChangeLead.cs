using System.Data.Common;
using NodaTime;
using Tandem.Data.Store;

namespace Tandem.Data.UseCases;

/// <summary>What can be done to a lead, as a CRM does it.</summary>
public enum LeadOperation
{
    /// <summary>Left out of every figure, its history kept.</summary>
    Delete,

    /// <summary>A deletion undone.</summary>
    Restore,

    /// <summary>Contact fields erased for good.</summary>
    Forget,

    /// <summary>Merged into another lead of the same source, its history following it.</summary>
    Merge,
}

/// <summary>One change to one lead: <see cref="Into"/> is the lead a merge goes into (null otherwise).</summary>
public sealed record LeadChangeInput(LeadOperation Operation, string Source, string Id, string? Into = null);

/// <summary>What a change found and did: the lead it now points at after a merge, and why it was refused (nothing changed then).</summary>
public sealed record LeadChangeResult(LeadChange Change, string? MergedInto, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// Deleting, restoring, forgetting and merging a lead, for every front end (<c>tandem lead</c>, the
/// API's <c>/api/v1/leads/{id}</c> routes): each commits the change and the lead's derived data
/// together (<see cref="LeadOperations"/>), stamped at <see cref="IClock"/>'s now. A missing lead is
/// <see cref="LeadChange.NotFound"/>; a refused merge target comes back as a problem of <c>into</c>,
/// which each front end words (the CLI <c>--into</c>, the API the body's field).
/// </summary>
public static class ChangeLead
{
    /// <summary>Makes the change at <paramref name="clock"/>'s now.</summary>
    public static async Task<LeadChangeResult> RunAsync(DbConnection connection, LeadChangeInput input, IClock clock, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetCurrentInstant().ToUnixTimeMilliseconds();
        switch (input.Operation)
        {
            case LeadOperation.Delete: return Plain(await LeadOperations.DeleteAsync(connection, input.Source, input.Id, now, cancel).ConfigureAwait(false));
            case LeadOperation.Restore: return Plain(await LeadOperations.RestoreAsync(connection, input.Source, input.Id, now, cancel).ConfigureAwait(false));
            case LeadOperation.Forget: return Plain(await LeadOperations.ForgetAsync(connection, input.Source, input.Id, now, cancel).ConfigureAwait(false));
            default:
                if (string.IsNullOrWhiteSpace(input.Into))
                    return new(LeadChange.AlreadyDone, null, [new FieldProblem("into", input.Into, "is required (the id of the lead this one was merged into)")]);
                try
                {
                    var (change, target) = await LeadOperations.MergeAsync(connection, input.Source, input.Id, input.Into.Trim(), now, cancel).ConfigureAwait(false);
                    return new(change, change == LeadChange.NotFound ? null : target, []);
                }
                catch (FieldProblemException e)
                {
                    return new(LeadChange.AlreadyDone, null, [e.Problem]);
                }
        }
    }

    private static LeadChangeResult Plain(LeadChange change) => new(change, null, []);
}
