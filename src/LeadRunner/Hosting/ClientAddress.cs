namespace LeadRunner.Hosting;

/// <summary>
/// The client's address as the server sees it, for sign-in back-off, rate limits and the audit log. Behind a reverse
/// proxy named in "ReverseProxy" configuration it is the forwarded client (<see cref="ReverseProxy"/>), otherwise the
/// connection's address, whatever X-Forwarded-For says.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "未知";
}
