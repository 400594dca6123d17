using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Tandem.Web.Tests.Notifications;

/// <summary>A real SMTP server on 127.0.0.1 (the SmtpServer library) that keeps every message it receives.</summary>
public sealed class SmtpReceiver : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public int Port { get; }

    private SmtpReceiver(int port) => Port = port;

    public static SmtpReceiver Start()
    {
        var port = FreePort();
        var receiver = new SmtpReceiver(port);
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(receiver.Messages));
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(receiver._stop.Token);
        return receiver;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
