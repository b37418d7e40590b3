using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace LeadRunner.Hosting;

/// <summary>
/// Request rate limits (configuration section "RateLimits"): anonymous submissions per client IP, uploads per user,
/// and a per-IP login policy for the login and token routes. A refused request gets 429 with Retry-After, a Chinese
/// problem on /api and the error page elsewhere.
/// </summary>
public static class RateLimits
{
    public const string Section = "RateLimits";

    /// <summary>Login and token routes, per client IP.</summary>
    public const string Login = "login";

    /// <summary>
    /// What the public may post without an account (objections, the self-check, a file checked at /verify), per client
    /// IP; signed-in users are not limited. Every anonymous POST carries it (RateLimitTests checks the endpoints).
    /// </summary>
    public const string AnonymousSubmissions = "anonymousSubmissions";

    /// <summary>File uploads, per user; per client IP for visitors uploading under an upload grant (no account).</summary>
    public const string Uploads = "uploads";

    /// <summary>One policy's allowance: <see cref="PermitLimit"/> requests per <see cref="WindowSeconds"/>.</summary>
    public sealed class Window
    {
        public int PermitLimit { get; set; }
        public int WindowSeconds { get; set; } = 60;
    }

    public sealed class Options
    {
        public Window Login { get; set; } = new() { PermitLimit = 30 };
        public Window AnonymousSubmissions { get; set; } = new() { PermitLimit = 20 };
        public Window Uploads { get; set; } = new() { PermitLimit = 60 };
    }

    private static readonly Dictionary<string, string> Names = new()
    {
        [Login] = "登录", [AnonymousSubmissions] = "匿名提交", [Uploads] = "文件上传",
    };

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<Options>() ?? new Options();
        foreach (var (name, window) in new[] { (Login, options.Login), (AnonymousSubmissions, options.AnonymousSubmissions), (Uploads, options.Uploads) })
        {
            if (window.PermitLimit <= 0 || window.WindowSeconds <= 0)
            {
                throw new InvalidOperationException($"配置 {Section}:{name} 的 PermitLimit 和 WindowSeconds 须为正数。");
            }
        }
        services.AddRateLimiter(limiter =>
        {
            // Only the attempts count: showing the login page is free.
            limiter.AddPolicy(Login, context => IsReading(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("page")
                : PerWindow($"ip:{ClientAddress.Of(context)}", options.Login));
            // Only submissions count: a page under this policy (the self-check, document verification) shows for free.
            limiter.AddPolicy(AnonymousSubmissions, context => context.User.Identity?.IsAuthenticated == true || IsReading(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("free")
                : PerWindow($"ip:{ClientAddress.Of(context)}", options.AnonymousSubmissions));
            limiter.AddPolicy(Uploads, context => PerWindow(
                $"user:{context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "ip:" + ClientAddress.Of(context)}", options.Uploads));
            limiter.OnRejected = (context, ct) => RejectAsync(context.HttpContext, context.Lease, ct);
        });
        return services;
    }

    private static bool IsReading(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);

    private static RateLimitPartition<string> PerWindow(string key, Window window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = window.PermitLimit,
            Window = TimeSpan.FromSeconds(window.WindowSeconds),
            QueueLimit = 0,
        });


    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease, CancellationToken ct)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var what = policy is not null && Names.TryGetValue(policy, out var name) ? name : "请求";
        http.Response.Headers["X-RateLimit-Policy"] = policy ?? "";
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            return; // the status code pages show /error/429
        }
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "请求过于频繁",
                Detail = $"{what}过于频繁，已超过限额，请 {seconds} 秒后再试。",
                Extensions = { ["limit"] = policy },
            },
        });
    }
}
