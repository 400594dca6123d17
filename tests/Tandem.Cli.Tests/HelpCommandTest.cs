namespace Tandem.Cli.Tests;

/// <summary>`tandem --help` keeps its descriptions near the verbs: import names its argument KIND and lists the kinds in its own help (issue 22).</summary>
public sealed class HelpCommandTest
{
    [Fact]
    public async Task TheVerbList_StartsEveryDescriptionNearTheVerbs_AndImportListsItsKindsInItsOwnHelp()
    {
        var help = await CliRun.Of("--help");
        Assert.Equal(0, help.ExitCode);
        var verbs = help.Output[help.Output.IndexOf("Commands:", StringComparison.Ordinal)..].Split('\n').Skip(1).Where(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Contains(verbs, l => l.TrimStart().StartsWith("import <KIND> <FILE>", StringComparison.Ordinal));
        // The description column starts where the longest verb ends, two spaces on: under 30 columns, not 150.
        Assert.All(verbs, l => Assert.True(l.IndexOf("  ", 2, StringComparison.Ordinal) < 30, l));

        var import = await CliRun.Of("import", "--help");
        Assert.Contains("<KIND>  What the file holds: leads, stages, touches, deals, reps, or the deliverables content, content-uses, campaigns, campaign-leads, reports, report-feedback, launches, trainings, attendance.", import.Output, StringComparison.Ordinal);

        // A kind that is not one is still refused with the list.
        var wrong = await CliRun.Of("import", "customers", "x.csv");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("'attendance'", wrong.Error, StringComparison.Ordinal);
    }
}
