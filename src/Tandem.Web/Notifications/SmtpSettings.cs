namespace Tandem.Web.Notifications;

/// <summary>
/// The SMTP server for e-mail notifications, from a URL: <c>smtp://host:port</c> (STARTTLS when the
/// server offers it), <c>smtps://host:465</c> (TLS from the start), with optional
/// <c>user:password@</c>; and the sender address.
/// </summary>
public sealed record SmtpSettings(string Host, int Port, bool ImplicitTls, string? User, string? Password, string From)
{
    /// <summary>Reads the URL; <paramref name="field"/> names it in errors.</summary>
    /// <exception cref="ArgumentException">The URL or the address is not usable.</exception>
    public static SmtpSettings Parse(string url, string from, string field)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("smtp" or "smtps") || string.IsNullOrEmpty(uri.Host))
            throw new ArgumentException($"{field}: '{url}' is not an SMTP URL such as smtp://mail.example.com:587 or smtps://user:password@mail.example.com");
        if (!System.Net.Mail.MailAddress.TryCreate(from, out _))
            throw new ArgumentException($"--mail-from: '{from}' is not an e-mail address");
        var implicitTls = uri.Scheme == "smtps";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (implicitTls ? 465 : 25) : uri.Port;
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        }
        return new SmtpSettings(uri.Host, port, implicitTls, user, password, from);
    }

    /// <summary>host:port, never the password.</summary>
    public override string ToString() => $"{(ImplicitTls ? "smtps" : "smtp")}://{(User is null ? "" : User + "@")}{Host}:{Port}";
}
