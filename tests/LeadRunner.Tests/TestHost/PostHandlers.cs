using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.TestHost;

/// <summary>
/// Every state-changing route of the app, read from its endpoints: minimal-API routes by their HTTP methods, and each
/// Razor page's POST handlers from its compiled page descriptor (a page endpoint declares no method of its own).
/// </summary>
public static class PostHandlers
{
    /// <summary>One route that changes state: its method, the path to call (parameters filled with 1), and what it declares.</summary>
    public sealed record Route(string Method, string Template, string Path, bool IsPage, bool Anonymous, string? RateLimitPolicy);

    public static async Task<List<Route>> AllAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var routes = new List<Route>();
        foreach (var endpoint in services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var path = System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", "1");
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                var metadata = new EndpointMetadataCollection(endpoint.Metadata.Concat(compiled.EndpointMetadata));
                foreach (var handler in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)))
                {
                    var handlerPath = handler.Name is null ? path : $"{path}?handler={handler.Name}";
                    routes.Add(new Route("POST", template, handlerPath, true, IsAnonymous(metadata), RateLimit(metadata)));
                }
                continue;
            }
            foreach (var method in (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                routes.Add(new Route(method, template, path, false, IsAnonymous(endpoint.Metadata), RateLimit(endpoint.Metadata)));
            }
        }
        return [.. routes.DistinctBy(r => $"{r.Method} {r.Path}")];
    }

    /// <summary>Anyone may call it: explicitly anonymous, or no authorization asked for at all.</summary>
    private static bool IsAnonymous(EndpointMetadataCollection metadata) =>
        metadata.GetMetadata<IAllowAnonymous>() is not null
        || (!metadata.GetOrderedMetadata<IAuthorizeData>().Any() && !metadata.GetOrderedMetadata<AuthorizationPolicy>().Any());

    private static string? RateLimit(EndpointMetadataCollection metadata) =>
        metadata.GetMetadata<DisableRateLimitingAttribute>() is not null ? null : metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
}
