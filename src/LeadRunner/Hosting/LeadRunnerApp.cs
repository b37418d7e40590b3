using System.Text.Encodings.Web;
using System.Text.Unicode;
using LeadRunner.Accounts;
using LeadRunner.Accounts.Admin;
using LeadRunner.Audit;
using LeadRunner.Cms;
using LeadRunner.Data;
using LeadRunner.Demo;
using LeadRunner.Documents;
using LeadRunner.Documents.Issued;
using LeadRunner.Documents.Packages;
using LeadRunner.Enterprises;
using LeadRunner.Forms;
using LeadRunner.Holders;
using LeadRunner.Notifications;
using LeadRunner.Operations;
using LeadRunner.Programmes;
using LeadRunner.Publicity;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Regions;
using LeadRunner.Rounds;
using LeadRunner.Uploads;
using LeadRunner.Versioning;
using LeadRunner.Workflow;
using LeadRunner.Workflow.Calendar;
using Scalar.AspNetCore;

namespace LeadRunner.Hosting;

/// <summary>Composition of the features: what Program.cs registers and maps.</summary>
public static class LeadRunnerApp
{
    public static WebApplicationBuilder AddLeadRunner(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var clock = ConfigurableClock.FromConfiguration(builder.Configuration, builder.Environment);
        services.AddSingleton(clock);
        services.AddSingleton<TimeProvider>(clock);
        services.AddLeadRunnerData(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddPersistedDataProtection();
        services.AddAccounts(builder.Configuration);
        services.AddRazorPages(options =>
        {
            // Feature folders: a page lives beside the code of its feature and declares its own route.
            options.RootDirectory = "/";
        });
        services.AddFriendlyErrors();
        TextLimits.AddTextLimits(services, builder.Configuration);
        services.AddRateLimits(builder.Configuration);
        services.AddReverseProxy(builder.Configuration);
        // Chinese text is written as is, not as numeric character references.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "LeadRunner 河北省特色产业集群“领跑者”企业认定管理系统 API";
            document.Info.Description = "除注明可匿名访问的接口外，均需登录：浏览器使用站点 Cookie，脚本使用 POST /api/auth/login 获得的 Bearer 令牌。";
            return Task.CompletedTask;
        }));

        services.AddProgrammes();
        services.AddRounds();
        services.AddVersioning();
        services.AddEligibility();
        services.AddRoundLists();
        services.AddWorkflow(builder.Configuration);
        services.AddNotifications(builder.Configuration);
        services.AddDocuments();
        services.AddAudit(builder.Configuration);
        services.AddScoped<CountyMapping>();
        services.AddScoped<EnterpriseRegistration>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoRound>();
        services.AddCms(builder.Configuration);
        services.AddPublicity();
        services.AddHolders();
        services.AddWorkingDayCalendar();
        services.AddUploads(builder.Configuration);
        services.AddForms();
        services.AddIssuedDocuments(builder.Configuration);
        services.AddPackages(builder.Configuration, builder.Environment.ContentRootPath);
        return builder;
    }

    public static WebApplication UseLeadRunner(this WebApplication app)
    {
        app.UseReverseProxy();
        VerificationAddress.WarnWhenUnset(app);
        app.UseSecurityHeaders();
        app.UseFriendlyErrors();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAccounts();
        // After authentication, so that signed-in requests are neither served nor stored (the header shows the user);
        // before authorization and the rate limiter, which a cached anonymous page does not need.
        app.UseOutputCache();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthChecks("/health").AllowAnonymous();
        MapApiReference(app);
        app.MapAuthApi();
        app.MapAccountsApi();
        app.MapRegionsApi();
        app.MapCalendar();
        app.MapEnterprisesApi();
        app.MapWorkflow();
        app.MapNotifications();
        app.MapProgrammesApi();
        app.MapRounds();
        app.MapVersionsApi();
        app.MapEligibility();
        app.MapRoundLists();
        app.MapUploads();
        app.MapForms();
        app.MapDocuments();
        app.MapIssuedDocuments();
        app.MapPackages();
        app.MapAudit();
        app.MapCms();
        app.MapPublicity();
        app.MapHolders();
        app.MapRazorPages();
        return app;
    }

    /// <summary>The API description is for the team in Development and tests; in production it needs a signed-in user.</summary>
    private static void MapApiReference(WebApplication app)
    {
        var openApi = app.MapOpenApi();
        // A fresh nonce per response on Scalar's script tags; the page's policy allows that nonce and no other inline script.
        // Its default fonts come from fonts.scalar.com, which the policy (and an offline government network) refuses.
        var scalar = app.MapScalarApiReference(options => options.WithTitle("LeadRunner API").WithNonce().DisableDefaultFonts())
            .WithMetadata(new SecurityHeaders.PolicyAttribute(SecurityHeaders.ApiReferencePolicy) { NonceItemKey = ScalarOptions.NonceHttpContextItemKey });
        if (app.Environment.IsDevelopmentOrTesting())
        {
            openApi.AllowAnonymous();
            scalar.AllowAnonymous();
        }
        else
        {
            openApi.RequireAuthorization();
            scalar.RequireAuthorization();
        }
    }
}
