namespace Tandem.Data.Reps;

/// <summary>
/// A rep as a sentence names one (digests, notifications, <c>sla explain</c>): "Dana Ruiz (rep-7)",
/// the name with the id in brackets, so a reader knows the person and can still find the id the
/// data carries; the id alone when the rep has no name.
/// </summary>
public static class RepWithId
{
    /// <summary>"<paramref name="name"/> (<paramref name="repId"/>)", or the id when the name is missing or blank.</summary>
    public static string Text(string? name, string repId) => string.IsNullOrWhiteSpace(name) ? repId : $"{name.Trim()} ({repId})";

    /// <summary>The rep's name from <paramref name="names"/> with its id in brackets, or the id.</summary>
    public static string WithId(this RepNames names, string repId)
    {
        ArgumentNullException.ThrowIfNull(names);
        return Text(names.NameOf(repId), repId);
    }
}
