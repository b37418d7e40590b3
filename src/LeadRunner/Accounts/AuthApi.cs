namespace LeadRunner.Accounts;

/// <summary>
/// Bearer tokens for scripts and integrations, from ASP.NET Core Identity. Accounts are issued by administrators,
/// so the self-service endpoints (register, password reset by e-mail, 2FA set-up) are not exposed.
/// </summary>
public static class AuthApi
{
    private static readonly string[] Exposed = ["/login", "/refresh", "/manage/info"];

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("认证");
        group.MapIdentityApi<AppUser>()
            .AddEndpointFilter(async (context, next) =>
            {
                var path = context.HttpContext.Request.Path.Value ?? "";
                return Exposed.Any(p => path.EndsWith(p, StringComparison.OrdinalIgnoreCase))
                    ? await next(context)
                    : TypedResults.NotFound();
            });
    }
}
