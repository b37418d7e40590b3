using LeadRunner.Accounts.Login;
using LeadRunner.Accounts.Passwords;
using LeadRunner.Accounts.Sessions;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;

namespace LeadRunner.Accounts;

public static class AccountsFeature
{
    private const string SiteOrBearerScheme = "SiteOrBearer";
    public const string CookieName = "leadrunner";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Accounts");
        services.Configure<AccountOptions>(section);
        var accountOptions = section.Get<AccountOptions>() ?? new AccountOptions();
        services.AddIdentityApiEndpoints<AppUser>(options =>
            {
                // Length and the rules of PasswordPolicy; no fixed composition beyond "three of four classes".
                options.Password.RequiredLength = PasswordPolicy.MinimumLength;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                // Identity's lockout serves the security administrator's lock only; failed sign-ins back off per
                // account and client in PasswordSignIn, so an attacker cannot lock a user out.
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                // User names such as "ent.91130534MA0..." and "city.130100".
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_@";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LeadRunnerDb>()
            .AddClaimsPrincipalFactory<ScopeClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddPasswordValidator<PasswordPolicy>();
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, options =>
        {
            options.BearerTokenExpiration = TimeSpan.FromMinutes(accountOptions.AccessTokenMinutes);
            options.RefreshTokenExpiration = TimeSpan.FromHours(accountOptions.RefreshTokenHours);
        });
        // Identity re-reads the user now and then and rebuilds the cookie's principal; keep the session id on it.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal is { } current && SessionStore.IdOf(current) is { } id && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
            {
                identity.AddClaim(new System.Security.Claims.Claim(SessionStore.SessionClaim, id));
            }
            return Task.CompletedTask;
        });
        services.AddScoped<SessionStore>();
        services.AddSingleton<SessionRevocations>();
        services.AddMemoryCache();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<SessionSignIn>();
        services.AddScoped<PasswordChange>();
        services.AddScoped<SecurityNotices>();
        services.AddScoped<Admin.AccountAdministration>();

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
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the site is served over HTTPS (behind a proxy, with forwarded headers configured).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(accountOptions.IdleTimeoutMinutes);
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
            .AddPolicy(Policies.Enterprise, policy => policy.RequireRole(Roles.Enterprise))
            .AddPolicy(Policies.EnterpriseAccounts, policy => policy.RequireRole(Admin.AccountAdministration.EnterpriseAccountActivators))
            .AddPolicy(Policies.Publisher, policy => policy.RequireRole(Roles.Province).RequireClaim(ScopeClaims.Permission, Permissions.Publish));
        return services;
    }

    /// <summary>After authentication: every signed-in request is checked against its session, then for cross-site forgery.</summary>
    public static void UseAccounts(this IApplicationBuilder app)
    {
        app.UseMiddleware<SessionGuard>();
        app.UseMiddleware<CrossSiteGuard>();
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

    /// <summary>
    /// Opens the account of a registered enterprise: its county, or the security administrator. Not the system
    /// administrator (三员分立: configuration, not accounts), nor city or province.
    /// </summary>
    public const string EnterpriseAccounts = "enterprise-accounts";

    /// <summary>Province staff holding the publishing permission: the public site's editors.</summary>
    public const string Publisher = "publisher";
}
