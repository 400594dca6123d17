namespace Tandem.Data.Agreements;

/// <summary>The commented starter agreement that <c>tandem init</c> writes: the seeds' worked example.</summary>
public static class StarterAgreement
{
    /// <summary>The starter file's text.</summary>
    public static string StarterText()
    {
        using var stream = typeof(StarterAgreement).Assembly.GetManifestResourceStream("Tandem.Data.starter-agreement.yaml")
            ?? throw new InvalidOperationException("the starter agreement is not embedded in Tandem.Data");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
