using System.Collections.Concurrent;

namespace Tandem.Data.Import.Mapping;

/// <summary>A mapping that ships with Tandem, named by <c>--from</c>.</summary>
/// <param name="Name">The <c>--from</c> word.</param>
/// <param name="Kind">The kind it is imported as.</param>
/// <param name="FileName">Its file name (an embedded resource; <c>--print-map</c> prints it).</param>
/// <param name="Describes">What export it reads, for messages.</param>
public sealed record ShippedMapping(string Name, ImportKind Kind, string FileName, string Describes);

/// <summary>
/// The CRM presets, each a mapping file embedded in the assembly (src/Tandem.Data/Import/Mapping),
/// read by the same code as a user's <c>--map</c> file, so users can print one, copy it and adjust it.
/// </summary>
public static class ShippedMappings
{
    private static readonly ConcurrentDictionary<string, ImportMapping> Parsed = new(StringComparer.Ordinal);

    /// <summary>The shipped mappings.</summary>
    public static IReadOnlyList<ShippedMapping> All { get; } =
    [
        new(ImportLayouts.HubSpot, ImportKind.Leads, "hubspot-contacts.yaml", "a HubSpot contacts export"),
        new(ImportLayouts.Salesforce, ImportKind.Leads, "salesforce-leads.yaml", "a Salesforce leads report"),
    ];

    /// <summary>The shipped mapping <paramref name="name"/> names, or null.</summary>
    public static ShippedMapping? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>The text of a shipped mapping, as it ships.</summary>
    public static string Text(ShippedMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        using var stream = typeof(ShippedMappings).Assembly.GetManifestResourceStream($"Tandem.Data.Mappings.{mapping.FileName}")
            ?? throw new InvalidOperationException($"the shipped mapping {mapping.FileName} is not embedded in Tandem.Data");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A shipped mapping, read once.</summary>
    public static ImportMapping Mapping(ShippedMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        // Named so that an error says which --from it is and which printable file the line is in.
        return Parsed.GetOrAdd(mapping.Name, _ => MappingFile.Parse(Text(mapping), $"--from {mapping.Name} ({mapping.FileName})"));
    }
}
