using System.Globalization;

namespace Tandem.Cli.Output;

/// <summary>
/// A one-line progress bar on stderr, redrawn in place, with rows/s. It appears only once an
/// operation has run for a second, so quick imports print nothing but their summary.
/// </summary>
public sealed class ProgressBar(TextWriter error, string label)
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private TimeSpan _last = TimeSpan.MinValue;
    private bool _shown;

    /// <summary>Redraws the bar (at most four times a second).</summary>
    public void Show(Data.Import.ImportProgress progress)
    {
        if (progress.Elapsed < Delay || progress.Elapsed - _last < TimeSpan.FromMilliseconds(250)) return;
        _last = progress.Elapsed;
        var share = progress.FileBytes > 0 ? Math.Clamp((double)progress.BytesRead / progress.FileBytes, 0, 1) : 0;
        var filled = (int)Math.Round(share * 24);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"\r{label} {progress.Phase} [{new string('#', filled)}{new string('.', 24 - filled)}] {share:P0}  {progress.Rows:N0} rows  {progress.RowsPerSecond:N0} rows/s ");
        error.Write(line);
        error.Flush();
        _shown = true;
    }

    /// <summary>Erases the bar so the next line starts clean.</summary>
    public void Clear()
    {
        if (!_shown) return;
        error.Write("\r" + new string(' ', 100) + "\r");
        _shown = false;
    }
}
