using System.CommandLine;
using Tandem.Data.Agreements;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem init [FILE]</c>: writes a commented starter agreement file.</summary>
public static class InitCommand
{
    /// <summary>The file name used when none is given.</summary>
    public const string DefaultFile = "tandem-agreement.yaml";

    /// <summary>Creates the verb.</summary>
    public static Command Create(TextWriter output)
    {
        var file = new Argument<string>("FILE")
        {
            Description = $"Where to write the agreement file (default {DefaultFile}).",
            DefaultValueFactory = _ => DefaultFile,
        };
        var force = new Option<bool>("--force") { Description = "Overwrite the file if it exists." };
        var command = new Command("init", "Write a commented starter agreement file (the seeds' worked example) to edit.") { file, force };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (File.Exists(path) && !parse.GetValue(force))
                throw new CliUsageException($"{path}: already exists; pass --force to overwrite it");
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null && !Directory.Exists(directory))
                throw new CliUsageException($"{path}: folder {directory} does not exist");
            File.WriteAllText(path, StarterAgreement.StarterText());
            output.WriteLine($"Wrote {path}. Edit it, then run: tandem plan --agreement {path}");
            return ExitCodes.Success;
        });
        return command;
    }
}
