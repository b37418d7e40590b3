using System.Text;
using LeadRunner.Tests.TestHost;
using LeadRunner.Uploads;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Uploads;

/// <summary>The app with a 64 KB global limit, field rules as a form definition would give them, and a scanner that rejects a marker.</summary>
public sealed class LimitedUploadsFactory : LeadRunnerFactory
{
    public const long GlobalLimit = 64 * 1024;
    public const string VirusMarker = "EICAR-LEADRUNNER-TEST";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Uploads:MaxBytes", GlobalLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IUploadFieldRules, ApplicationFieldRules>();
            services.AddSingleton<IUploadScanner, MarkerScanner>();
        });
    }

    /// <summary>application.sealedDocuments: PDF only, 1 KB; application.photos: JPEG or PNG; other fields: no rule.</summary>
    private sealed class ApplicationFieldRules : IUploadFieldRules
    {
        public ValueTask<UploadFieldRule?> GetRulesAsync(string formKey, string fieldKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult((formKey, fieldKey) switch
            {
                ("application", "sealedDocuments") => new UploadFieldRule(1024, [UploadContentTypes.Pdf]),
                ("application", "photos") => new UploadFieldRule(null, [UploadContentTypes.Jpeg, UploadContentTypes.Png]),
                _ => (UploadFieldRule?)null,
            });
    }

    private sealed class MarkerScanner : IUploadScanner
    {
        public async Task<UploadScanResult> ScanAsync(UploadScanRequest request, CancellationToken cancellationToken)
        {
            var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(request.TempPath, cancellationToken));
            return text.Contains(VirusMarker, StringComparison.Ordinal) ? UploadScanResult.Rejected("检测到测试病毒特征") : UploadScanResult.Clean;
        }
    }
}
