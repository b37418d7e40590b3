using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace LeadRunner.Hosting;

/// <summary>
/// Forwarded headers from the reverse proxies named in configuration ("ReverseProxy": KnownProxies, KnownNetworks,
/// ForwardLimit). Off unless a proxy is named: a client that reaches the app directly cannot choose its address or
/// scheme with X-Forwarded-For / X-Forwarded-Proto. With it, sign-in back-off, rate limits and the audit log see the
/// forwarded client, and an HTTPS-terminating proxy brings the Secure cookie and HSTS.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    public sealed class Options
    {
        /// <summary>Addresses of the proxies whose X-Forwarded-* headers are believed, e.g. "10.0.0.5".</summary>
        public List<string> KnownProxies { get; set; } = [];

        /// <summary>Ranges of such proxies in CIDR notation, e.g. "10.0.0.0/24".</summary>
        public List<string> KnownNetworks { get; set; } = [];

        /// <summary>How many proxies stand in line before the app (1 for nginx alone).</summary>
        public int ForwardLimit { get; set; } = 1;

        public bool IsConfigured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
    }

    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<Options>() ?? new Options();
        var proxies = options.KnownProxies.Select(p => IPAddress.TryParse(p.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"配置 {Section}:KnownProxies 中的“{p}”不是 IP 地址。")).ToList();
        var networks = options.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"配置 {Section}:KnownNetworks 中的“{n}”不是 CIDR 网段（如 10.0.0.0/24）。")).ToList();
        if (options.ForwardLimit < 1)
        {
            throw new InvalidOperationException($"配置 {Section}:ForwardLimit 须为正整数。");
        }
        services.AddSingleton(options);
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // The host stays the one the request names (AllowedHosts); only the client address and scheme are taken.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = options.ForwardLimit;
            // The defaults trust loopback; only what the configuration names is trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            proxies.ForEach(forwarded.KnownProxies.Add);
            networks.ForEach(forwarded.KnownIPNetworks.Add);
        });
        return services;
    }

    /// <summary>First in the pipeline, so that everything after sees the client's address and scheme.</summary>
    public static void UseReverseProxy(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Options>().IsConfigured)
        {
            app.UseForwardedHeaders();
        }
    }
}
