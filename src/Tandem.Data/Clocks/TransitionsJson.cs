using System.Text.Json;
using NodaTime;
using Tandem.Domain.Clocks;

namespace Tandem.Data.Clocks;

/// <summary>A clock's transitions as stored: <c>[{"at": ms, "state": "warning", "step": 1}, ...]</c>.</summary>
public static class TransitionsJson
{
    private sealed record Row(long At, string State, int Step);

    /// <summary>The JSON text.</summary>
    public static string Write(IReadOnlyList<ClockTransition> transitions) =>
        JsonSerializer.Serialize(transitions.Select(t => new Row(t.At.ToUnixTimeMilliseconds(), t.State.Word(), t.Step)), Options);

    /// <summary>The transitions back.</summary>
    public static IReadOnlyList<ClockTransition> Read(string json) =>
        [.. (JsonSerializer.Deserialize<Row[]>(json, Options) ?? []).Select(r => new ClockTransition(Instant.FromUnixTimeMilliseconds(r.At), Enum.Parse<ClockState>(r.State, true), r.Step))];

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
