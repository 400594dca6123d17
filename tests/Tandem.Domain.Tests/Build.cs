using Tandem.Domain.Numbers;
using Tandem.Domain.Planning;

namespace Tandem.Domain.Tests;

/// <summary>Short ways to build domain values in tests.</summary>
internal static class Build
{
    public static Fraction F(long n, long d = 1) => new(n, d);

    public static Rate R(string text) => Rate.Parse(text, "rate");

    public static Share S(string text) => Share.Parse(text, "share");

    public static Funnel Stages(params (string Name, string Rate)[] stages) =>
        new(stages.Select(s => new FunnelStage(s.Name, R(s.Rate))));

    /// <summary>The seeds' funnel: MQL 1/3, SQL 82%, Opportunity 23%.</summary>
    public static Funnel Seeds() => Stages(("MQL", "1/3"), ("SQL", "82%"), ("Opportunity", "23%"));

    /// <summary>A rate n/d kept within (0, 1] from two arbitrary positive numbers.</summary>
    public static Rate RateFrom(int a, int b)
    {
        var d = Math.Abs(b % 1000) + 1;
        var n = Math.Abs(a % d) + 1;
        return Rate.From(new Fraction(n, d), "rate");
    }
}
