using System.Diagnostics;

namespace Tandem.Reports;

/// <summary>Thrown when no Chromium can print, or printing failed; the message says what to do.</summary>
public sealed class PdfUnavailableException(string message) : Exception(message);

/// <summary>
/// Prints an HTML page to PDF with headless Chromium (<c>--print-to-pdf</c>): the browser the
/// web tests already drive, so the PDF looks exactly like the page's print view. The page is
/// written to a private temporary folder and printed from a file: no server, no network.
/// </summary>
public static class ChromiumPdf
{
    /// <summary>Where Chromium is looked for, after <c>TANDEM_CHROMIUM</c>.</summary>
    public static IReadOnlyList<string> Candidates { get; } = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    /// <summary>The Chromium executable, or null when there is none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("TANDEM_CHROMIUM") is { Length: > 0 } configured) return File.Exists(configured) ? configured : null;
        return Candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>The PDF of <paramref name="html"/>.</summary>
    /// <exception cref="PdfUnavailableException">No Chromium, or it failed or took longer than a minute.</exception>
    public static Task<byte[]> PrintAsync(string html, CancellationToken cancel = default) => PrintAsync(html, null, cancel);

    /// <summary>The PDF of <paramref name="html"/>, printed by <paramref name="executable"/> (null: the one <see cref="Find"/> finds).</summary>
    /// <exception cref="PdfUnavailableException">No Chromium there, or it failed or took longer than a minute.</exception>
    public static async Task<byte[]> PrintAsync(string html, string? executable, CancellationToken cancel = default)
    {
        var chromium = executable is not null
            ? File.Exists(executable) ? executable : throw new PdfUnavailableException($"PDF needs Chromium: {executable} does not exist; install the chromium package or configure its path")
            : Find() ?? throw new PdfUnavailableException(
                "PDF needs Chromium: install the chromium package (apt-get install chromium) or set TANDEM_CHROMIUM to its path");
        var folder = Directory.CreateTempSubdirectory("tandem-pdf-");
        try
        {
            var page = Path.Combine(folder.FullName, "agreement.html");
            var pdf = Path.Combine(folder.FullName, "agreement.pdf");
            await File.WriteAllTextAsync(page, html, cancel).ConfigureAwait(false);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(folder.FullName, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
            })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start) ?? throw new PdfUnavailableException($"{chromium} did not start");
            var errors = process.StandardError.ReadToEndAsync(cancel);
            _ = process.StandardOutput.ReadToEndAsync(cancel);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            limit.CancelAfter(TimeSpan.FromMinutes(1));
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new PdfUnavailableException($"{chromium} took longer than a minute to print");
            }
            if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
                throw new PdfUnavailableException($"{chromium} printed nothing (exit {process.ExitCode}): {(await errors.ConfigureAwait(false)).Trim().Split('\n').LastOrDefault()}");
            return await File.ReadAllBytesAsync(pdf, cancel).ConfigureAwait(false);
        }
        finally
        {
            try { folder.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
