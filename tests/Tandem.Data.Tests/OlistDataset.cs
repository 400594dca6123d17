namespace Tandem.Data.Tests;

/// <summary>
/// Olist's real marketing funnel, read where it is kept and never copied into the repository: in
/// shared/datasets beside the checkout or a folder above it (CI has it as ../shared), else in
/// TANDEM_DATASETS, else in /work/shared/datasets. The tests that read it fail, never skip, without it.
/// </summary>
public static class OlistDataset
{
    private const string Name = "olist-marketing-funnel";
    private const string Probe = "olist_marketing_qualified_leads_dataset.csv";

    /// <summary>The dataset's folder.</summary>
    public static string Folder()
    {
        var candidates = new List<string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            candidates.Add(Path.Combine(dir.FullName, "shared", "datasets", Name));
        if (Environment.GetEnvironmentVariable("TANDEM_DATASETS") is { Length: > 0 } root) candidates.Add(Path.Combine(root, Name));
        candidates.Add(Path.Combine("/work", "shared", "datasets", Name));
        return candidates.FirstOrDefault(c => System.IO.File.Exists(Path.Combine(c, Probe)))
            ?? throw new InvalidOperationException(
                $"the Olist dataset is missing: no shared/datasets/{Name}/{Probe} above {AppContext.BaseDirectory}, in TANDEM_DATASETS or in /work/shared; " +
                "CI provides it beside the repository (../shared); these tests need it and do not skip");
    }

    /// <summary>One of the dataset's files.</summary>
    public static string File(string name) => Path.Combine(Folder(), name);
}
