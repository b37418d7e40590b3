using LeadRunner.Documents;
using LeadRunner.Hosting;
using LeadRunner.Tests.TestHost;
using LeadRunner.Uploads;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Documents;

/// <summary>The app with uploads held in a dictionary (packages go to the host's own folder, <see cref="LeadRunnerFactory.PackagesFolder"/>).</summary>
public sealed class DocumentsFactory : LeadRunnerFactory
{
    public DictionaryUploadedFiles Uploads { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Verification:PublicBaseUrl", "https://leadrunner.example.cn");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IUploadedFiles>(Uploads);
            // The templates as the repository holds them, whatever the database's copy says.
            services.AddSingleton(TemplateLibrary.FromFolder(Path.Combine(RepositoryLayout.FindRoot(AppContext.BaseDirectory)!, "templates")));
        });
    }
}
