using Tandem.Domain.Numbers;

namespace Tandem.Domain.Pacing;

/// <summary>Where actuals stand against a target.</summary>
public enum PacingStatus
{
    /// <summary>Below the target by more than the tolerance.</summary>
    Behind,
    /// <summary>Within the tolerance band on either side (its edges included).</summary>
    OnTrack,
    /// <summary>Above the target by more than the tolerance: flagged too, since it strains sales.</summary>
    OverDelivering,
}

/// <summary>
/// The band around a target inside which delivery counts as on track: target x (1 - band) to
/// target x (1 + band), both edges included. The seeds use +-10%, the default.
/// </summary>
public readonly record struct Tolerance
{
    private Tolerance(Share band) => Band = band;

    /// <summary>+-10%.</summary>
    public static readonly Tolerance Default = new(Share.From(new Fraction(1, 10), "tolerance"));

    /// <summary>The half-width of the band as a share of the target.</summary>
    public Share Band { get; }

    /// <summary>A band of +-<paramref name="band"/>.</summary>
    public static Tolerance Of(Share band) => new(band);

    /// <summary>The lowest on-track value for <paramref name="target"/>.</summary>
    public Fraction Lower(Fraction target) => target * (Fraction.One - Band.Value);

    /// <summary>The highest on-track value for <paramref name="target"/>.</summary>
    public Fraction Upper(Fraction target) => target * (Fraction.One + Band.Value);

    /// <summary>Classifies <paramref name="actual"/> against <paramref name="target"/>.</summary>
    public PacingStatus Classify(Fraction actual, Fraction target) =>
        actual < Lower(target) ? PacingStatus.Behind
        : actual > Upper(target) ? PacingStatus.OverDelivering
        : PacingStatus.OnTrack;

    /// <summary><c>+-10%</c>.</summary>
    public override string ToString() => $"+-{Band}";
}
