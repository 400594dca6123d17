using System.CommandLine;
using Tandem.Cli.Commands;
using Tandem.Data.Agreements;
using Tandem.Domain.Numbers;

namespace Tandem.Cli;

/// <summary>
/// Builds the command tree and runs it. User errors become one line each on stderr, prefixed
/// <c>tandem:</c>, with exit code 2; never a stack trace.
/// </summary>
public static class TandemCli
{
    /// <summary>Parses <paramref name="args"/> and runs the verb, writing to the given streams.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) => RunAsync(args, output, error, Console.In);

    /// <summary>Parses <paramref name="args"/> and runs the verb, reading <paramref name="input"/> where a verb takes standard input (a password).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader input)
    {
        ArgumentNullException.ThrowIfNull(error);
        var root = new RootCommand("Tandem: the service level agreement between marketing and sales.")
        {
            PlanCommand.Create(output, error),
            InitCommand.Create(output),
            DbCommand.Create(output),
            AgreementCommand.Create(output),
            LeadCommand.Create(output),
            TokenCommand.Create(output),
            UserCommand.Create(output, input),
            ServeCommand.Create(output),
            DemoCommand.Create(output),
            CalendarCommand.Create(output),
            SlaCommand.Create(output),
            NotificationsCommand.Create(output),
            ReportCommand.Create(output),
            RecalibrateCommand.Create(output),
            CapacityCommand.Create(output),
            DigestCommand.Create(output),
            ImportCommand.Create(output, error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line: the most telling problem (an unknown word says more than "no command given").
            var problem = parse.Errors.FirstOrDefault(e => !e.Message.StartsWith("Required command", StringComparison.Ordinal)) ?? parse.Errors[0];
            var message = string.Join(' ', problem.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await error.WriteLineAsync($"tandem: {message.TrimEnd('.')} (see tandem --help)").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                // User errors are handled below; anything else is a bug and should show its trace.
                EnableDefaultExceptionHandler = false,
            }).ConfigureAwait(false);
        }
        catch (InvalidInputException e)
        {
            await error.WriteLineAsync($"tandem: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (AgreementFileException e)
        {
            foreach (var problem in e.Errors) await error.WriteLineAsync($"tandem: {problem}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Tandem.Data.Import.Mapping.MappingFileException e) when (e.Errors.Count > 0)
        {
            foreach (var problem in e.Errors) await error.WriteLineAsync($"tandem: {problem}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Tandem.Data.Import.ImportFileException e)
        {
            await error.WriteLineAsync($"tandem: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (CliUsageException e)
        {
            await error.WriteLineAsync($"tandem: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
    }
}
