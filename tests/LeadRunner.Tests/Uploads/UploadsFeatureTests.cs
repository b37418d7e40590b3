using LeadRunner.Uploads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadRunner.Tests.Uploads;

public class UploadsFeatureTests
{
    private static ServiceCollection Register(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddUploads(configuration);
        return services;
    }

    private static bool HasSweepService(ServiceCollection services) =>
        services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OrphanSweepService));

    [Fact]
    public void AddUploads_ByDefault_RunsTheSweepInTheBackground() => Assert.True(HasSweepService(Register()));

    [Fact]
    public void AddUploads_SweepDisabled_RegistersNoBackgroundSweep() =>
        Assert.False(HasSweepService(Register(("Uploads:SweepEnabled", "false"))));

    [Fact]
    public void AddUploads_AnotherFeaturesFieldRules_AreKept()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IUploadFieldRules, FixedRules>();
        services.AddUploads(new ConfigurationBuilder().Build());
        Assert.IsType<FixedRules>(services.BuildServiceProvider().GetRequiredService<IUploadFieldRules>());
    }

    private sealed class FixedRules : IUploadFieldRules
    {
        public ValueTask<UploadFieldRule?> GetRulesAsync(string formKey, string fieldKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult<UploadFieldRule?>(new UploadFieldRule(1, null));
    }
}
