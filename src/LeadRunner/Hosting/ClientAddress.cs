namespace LeadRunner.Hosting;

/// <summary>
/// The client's address as the server sees it, for sign-in back-off, rate limits and the audit log. Behind a reverse
/// proxy this is the proxy unless forwarded headers are configured (see docs/security.md).
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "未知";
}
