using LeadRunner.Data;
using Microsoft.AspNetCore.Identity;

namespace LeadRunner.Accounts;

public static class AccountsFeature
{
    private const string SiteOrBearerScheme = "SiteOrBearer";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentityApiEndpoints<AppUser>(options =>
            {
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                // User names such as "ent.91130534MA0..." and "city.130100".
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_@";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LeadRunnerDb>()
            .AddClaimsPrincipalFactory<ScopeClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrors>();

        // Bearer when the request carries a token (scripts), the site cookie otherwise; pages then redirect to log in.
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SiteOrBearerScheme;
                options.DefaultAuthenticateScheme = SiteOrBearerScheme;
                options.DefaultChallengeScheme = SiteOrBearerScheme;
                options.DefaultForbidScheme = SiteOrBearerScheme;
            })
            .AddPolicyScheme(SiteOrBearerScheme, "站点 Cookie 或 Bearer 令牌", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme);

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/login";
            options.LogoutPath = "/logout";
            options.AccessDeniedPath = "/error/403";
            options.Cookie.Name = "leadrunner";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            // APIs answer with status codes; only pages redirect to the login page.
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services.AddHttpContextAccessor();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, policy => policy.RequireRole(Roles.County, Roles.City, Roles.Province, Roles.SysAdmin))
            .AddPolicy(Policies.SysAdmin, policy => policy.RequireRole(Roles.SysAdmin))
            .AddPolicy(Policies.SecAdmin, policy => policy.RequireRole(Roles.SecAdmin))
            .AddPolicy(Policies.Auditor, policy => policy.RequireRole(Roles.Auditor))
            .AddPolicy(Policies.Enterprise, policy => policy.RequireRole(Roles.Enterprise));
        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

public static class Policies
{
    public const string Staff = "staff";
    public const string SysAdmin = "sysadmin";
    public const string SecAdmin = "secadmin";
    public const string Auditor = "auditor";
    public const string Enterprise = "enterprise";
}
