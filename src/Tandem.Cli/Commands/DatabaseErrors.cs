using System.Data.Common;
using System.Net.Sockets;
using Tandem.Data.Store;

namespace Tandem.Cli.Commands;

/// <summary>Turns a database that cannot be reached or opened into one clear line naming it, never a stack trace.</summary>
public static class DatabaseErrors
{
    /// <summary>Runs <paramref name="open"/>; connection failures become a <see cref="CliUsageException"/>.</summary>
    public static async Task<T> Guard<T>(DatabaseTarget target, Func<Task<T>> open)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(open);
        try
        {
            return await open().ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or SocketException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            throw new CliUsageException($"--database: cannot open {target.Display()}: {e.Message.Split('\n')[0].Trim()}");
        }
    }
}
