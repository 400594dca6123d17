using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Tandem.Data.Notifications;

namespace Tandem.Web.Notifications;

/// <summary>
/// Sends e-mail deliveries over SMTP with MailKit: an SLA event's sentence as plain text, a digest
/// as text and HTML with its charts inline. The Message-ID is built from the delivery's
/// idempotency key, the same on every retry, so a mail system or a reader can spot a repeat.
/// </summary>
public sealed class EmailSender(SmtpSettings? settings)
{
    /// <summary>Sends one delivery.</summary>
    public async Task<DeliveryResult> SendAsync(OutboxItem item, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (settings is null) return new DeliveryResult("no SMTP server is configured: start tandem serve with --smtp URL --mail-from ADDRESS (or TANDEM_SMTP, TANDEM_MAIL_FROM)");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        foreach (var address in item.Target.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            message.To.Add(MailboxAddress.Parse(address));
        message.Subject = item.Subject;
        message.MessageId = $"{item.IdempotencyKey}@tandem";
        message.Body = DigestMail.FromPayload(item.Payload) is { } digest ? DigestBody(digest)
            : new TextPart("plain") { Text = item.Payload + "\n\n-- \nTandem: the SLA between marketing and sales.\n" };
        try
        {
            using var client = new SmtpClient();
            var security = settings.ImplicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
            await client.ConnectAsync(settings.Host, settings.Port, security, cancel).ConfigureAwait(false);
            if (settings.User is not null) await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancel).ConfigureAwait(false);
            await client.SendAsync(message, cancel).ConfigureAwait(false);
            await client.DisconnectAsync(true, cancel).ConfigureAwait(false);
            return DeliveryResult.Delivered;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or MailKit.ProtocolException or MailKit.CommandException or SslHandshakeException or AuthenticationException)
        {
            return new DeliveryResult($"SMTP {settings}: {e.Message}");
        }
    }

    /// <summary>A digest: plain text and HTML alternatives, the charts inline (multipart/related) under their content ids.</summary>
    private static MimeEntity DigestBody(DigestMail digest)
    {
        var builder = new BodyBuilder { TextBody = digest.Text, HtmlBody = digest.Html };
        foreach (var image in digest.Images)
        {
            var part = builder.LinkedResources.Add(image.FileName, image.Png, new ContentType("image", "png"));
            part.ContentId = image.ContentId;
        }
        return builder.ToMessageBody();
    }
}
