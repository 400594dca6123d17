using System.Diagnostics;
using System.Globalization;
using Tandem.Bench;

// Throughput benchmarks for docs/benchmarks.md. Not tests: they measure, they do not judge.
//   dotnet run -c Release --project bench/Tandem.Bench -- csv [--leads N] [--engine sqlite|postgres]
//   dotnet run -c Release --project bench/Tandem.Bench -- xlsx [--leads N] [--engine sqlite|postgres]
//   dotnet run -c Release --project bench/Tandem.Bench -- api [--leads N] [--batch N] [--engine sqlite|postgres]
//   dotnet run -c Release --project bench/Tandem.Bench -- reports [--leads N] [--engine sqlite|postgres] [--keep FILE.db [--no-reference]]
//   dotnet run -c Release --project bench/Tandem.Bench -- pages [--leads N] [--engine sqlite|postgres] [--keep FILE.db | --database CONNSTRING] [--reuse]
//       [--repeat N] [--warmup N] [--timeout SECONDS] [--verb-timeout SECONDS] [--data DIR]
//   dotnet run -c Release --project bench/Tandem.Bench -- monitor (--keep FILE.db | --database CONNSTRING) [--repeat N]
//   dotnet run -c Release --project bench/Tandem.Bench -- queries (--keep FILE.db | --database CONNSTRING) [--repeat N]
//   dotnet run -c Release --project bench/Tandem.Bench -- leads (--keep FILE.db | --database CONNSTRING) [--repeat N]
var options = BenchOptions.Parse(args);
if (options.Mode == "monitor")
{
    await MonitorBench.RunAsync(options);
    return 0;
}
if (options.Mode == "leads")
{
    await LeadBench.RunAsync(options);
    return 0;
}
if (options.Mode == "queries")
{
    await QueryBench.RunAsync(options);
    return 0;
}
Console.WriteLine($"# {options.Mode}: {options.Leads:N0} leads, engine {options.Engine}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
var data = options.Data is { Length: > 0 } folder ? new DataSet(Path.GetFullPath(folder)) : DataSet.Ensure(options.Leads);
var clock = Stopwatch.StartNew();
switch (options.Mode)
{
    case "csv":
        await CsvBench.RunAsync(options, data);
        break;
    case "xlsx":
        await XlsxBench.RunAsync(options, data);
        break;
    case "api":
        await ApiBench.RunAsync(options, data);
        break;
    case "reports":
        await ReportBench.RunAsync(options, data);
        break;
    case "pages":
        await PageBench.RunAsync(options, data);
        break;
    default:
        Console.Error.WriteLine($"unknown benchmark '{options.Mode}' (csv, xlsx, api, reports, pages, monitor)");
        return 2;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# done in {clock.Elapsed.TotalSeconds:0.0} s"));
return 0;
