using LeadRunner.Accounts;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadRunner.Hosting.ApiDescription;

/// <summary>
/// The two ways a client proves who it is: the bearer token from POST /api/auth/login (scripts and integrations) and
/// the site's sign-in cookie (the browser). Either one satisfies an operation that requires authorization.
/// </summary>
public sealed class SecuritySchemes : IOpenApiDocumentTransformer
{
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "POST /api/auth/login 返回的 accessToken，放在请求头 Authorization: Bearer <令牌> 中；过期后用 refreshToken 调用 POST /api/auth/refresh 换取新令牌。",
        };
        document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = AccountsFeature.CookieName,
            Description = "在站点登录页登录后浏览器保存的 Cookie；用 Cookie 提交修改类请求时须同源（跨站请求会被拒绝）。",
        };
        return Task.CompletedTask;
    }

    /// <summary>Either scheme: one requirement object per scheme means "bearer OR cookie".</summary>
    public static List<OpenApiSecurityRequirement> Required(OpenApiDocument? document) =>
    [
        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, document)] = [] },
    ];

    /// <summary>An explicit empty requirement: no credentials needed (Redocly's security-defined accepts it as declared).</summary>
    public static List<OpenApiSecurityRequirement> Anonymous() => [new OpenApiSecurityRequirement()];
}
