using System.Diagnostics;
using System.Globalization;
using Tandem.Data.Projection;

namespace Tandem.Cli.Output;

/// <summary>
/// The projector's progress on stderr, one line redrawn in place (leads walked of the total). It
/// appears only once the work has run for a second, so a small database prints only its summary.
/// </summary>
public sealed class ProjectionBar(TextWriter error, string label) : IProgress<ProjectionProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last;
    private bool _shown;

    /// <inheritdoc/>
    public void Report(ProjectionProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var elapsed = _clock.Elapsed;
        if (elapsed < TimeSpan.FromSeconds(1) || (_shown && elapsed - _last < TimeSpan.FromMilliseconds(250))) return;
        _last = elapsed;
        var share = value.Total > 0 ? Math.Clamp((double)value.Done / value.Total, 0, 1) : 1;
        var filled = (int)Math.Round(share * 24);
        var rate = value.Done / Math.Max(elapsed.TotalSeconds, 0.001);
        error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{label} [{new string('#', filled)}{new string('.', 24 - filled)}] {share:P0}  {value.Done:N0} of {value.Total:N0} leads  {rate:N0} leads/s "));
        error.Flush();
        _shown = true;
    }

    /// <summary>Erases the line so the next one starts clean.</summary>
    public void Done()
    {
        if (!_shown) return;
        error.Write("\r" + new string(' ', 100) + "\r");
        _shown = false;
    }
}
