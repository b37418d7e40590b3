using Microsoft.OpenApi;

namespace LeadRunner.Hosting.ApiDescription;

/// <summary>
/// The server entry is the address the description was requested on; ASP.NET writes it with a trailing slash, which
/// Redocly flags (no-server-trailing-slash) because a client joining it with "/api/…" would request "//api/…".
/// </summary>
public static class ServerAddresses
{
    public static void TrimTrailingSlash(OpenApiDocument document)
    {
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }
    }
}
