using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Tandem.Data.Store;
using Tandem.Web;

namespace Tandem.Bench;

/// <summary>
/// API ingest items/s: the demo's leads then touches, POSTed as JSON arrays of --batch items to a
/// real Kestrel server in this process, over loopback HTTP, one request at a time. The client
/// turns CSV rows into JSON on another thread while the server works, on the same two cores.
/// </summary>
public static class ApiBench
{
    public static async Task RunAsync(BenchOptions options, DataSet data)
    {
        await Databases.WithFreshAsync(options.Engine, target => RunOnAsync(options, data, target));
    }

    private static async Task RunOnAsync(BenchOptions options, DataSet data, DatabaseTarget target)
    {
        string token;
        await using (var database = new TandemDatabase(target))
        await using (var connection = await database.OpenAsync())
            token = await TokenStore.CreateAsync(connection, "bench", 1);
        await using var app = TandemWebApp.Create(["--urls", "http://127.0.0.1:0"], new TandemServerSettings(target, DateTimeZone.Utc));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Console.WriteLine($"| kind | items | batch | time | items/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var kind in new[] { "leads", "touches" })
        {
            var batches = Channel.CreateBounded<byte[]>(4);
            var producer = Task.Run(() => Produce(data.File(kind), options.Batch, batches.Writer));
            long items = 0;
            var clock = Stopwatch.StartNew();
            await foreach (var body in batches.Reader.ReadAllAsync())
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(new Uri($"/api/v1/{kind}", UriKind.Relative), content);
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
                using var result = JsonDocument.Parse(text);
                if (result.RootElement.GetProperty("rejected").GetInt32() > 0) throw new InvalidOperationException(text);
                items += result.RootElement.GetProperty("items").GetInt32();
            }
            await producer;
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {kind} | {items:N0} | {options.Batch:N0} | {seconds:0.00} s | {items / seconds:N0} |"));
        }
        await app.StopAsync();
    }

    /// <summary>Reads a demo CSV and writes JSON arrays of <paramref name="size"/> objects (empty cells left out).</summary>
    private static async Task Produce(string file, int size, ChannelWriter<byte[]> output)
    {
        try
        {
            using var reader = new StreamReader(file);
            using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
            await csv.ReadAsync();
            csv.ReadHeader();
            var header = csv.HeaderRecord!;
            var buffer = new MemoryStream();
            var json = new Utf8JsonWriter(buffer);
            var count = 0;
            json.WriteStartArray();
            while (await csv.ReadAsync())
            {
                json.WriteStartObject();
                for (var i = 0; i < header.Length; i++)
                {
                    var value = csv.GetField(i);
                    if (!string.IsNullOrEmpty(value)) json.WriteString(header[i], value);
                }
                json.WriteEndObject();
                if (++count < size) continue;
                json.WriteEndArray();
                await json.FlushAsync();
                await output.WriteAsync(buffer.ToArray());
                buffer.SetLength(0);
                json.Reset(buffer);
                json.WriteStartArray();
                count = 0;
            }
            json.WriteEndArray();
            await json.FlushAsync();
            if (count > 0) await output.WriteAsync(buffer.ToArray());
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }
}
