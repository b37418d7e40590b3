using Microsoft.AspNetCore.Antiforgery;

namespace LeadRunner.Accounts;

/// <summary>
/// Refuses cross-site request forgery on every state-changing request that a browser authenticates with the site
/// cookie, pages and API alike: it must come from our own origin (Sec-Fetch-Site, else Origin) or, from a client that
/// sends neither, carry the antiforgery token. Bearer-token clients carry no ambient credential and pass unchanged.
/// </summary>
public sealed class CrossSiteGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (IsSafe(http.Request.Method) || HasBearer(http.Request) || !http.Request.Cookies.ContainsKey(AccountsFeature.CookieName)
            || await IsSameOriginAsync(http, antiforgery))
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "跨站请求被拒绝",
                    Detail = "该请求来自其他站点，或缺少防伪令牌；请从本站页面操作，脚本请使用 Bearer 令牌。",
                },
            });
        }
    }

    private static async Task<bool> IsSameOriginAsync(HttpContext http, IAntiforgery antiforgery)
    {
        var request = http.Request;
        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site)
        {
            return site == "same-origin";
        }
        if (request.Headers.Origin.ToString() is { Length: > 0 } origin)
        {
            return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        }
        return await antiforgery.IsRequestValidAsync(http);
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
