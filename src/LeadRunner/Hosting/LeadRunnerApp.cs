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
using LeadRunner.Hosting.ApiDescription;
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
        services.AddApiDescription();

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
        app.MapApiDescription();
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
}
