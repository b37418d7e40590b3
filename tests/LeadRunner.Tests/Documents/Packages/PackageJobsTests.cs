using LeadRunner.Data;
using LeadRunner.Documents.Issued;
using LeadRunner.Documents.Packages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Documents.Packages;

/// <summary>Package builds are rows: any instance reports them, a second request joins the active build, a dead worker's build is taken over.</summary>
public class PackageJobsTests(DocumentsFactory factory) : IClassFixture<DocumentsFactory>
{
    private static readonly Issuer City = new("city", null, null);

    private async Task<PackageJob> AddAsync(string unit, PackageState state, TimeSpan heartbeatAgo)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var job = PackageJob.For(new PackageRequest(unit, 2024, City), now - heartbeatAgo);
        job.State = state;
        job.HeartbeatAt = now - heartbeatAgo;
        db.PackageJobs.Add(job);
        await db.SaveChangesAsync();
        return job;
    }

    private async Task<PackageJob?> LatestAsync(string unit)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PackageJobs>().LatestAsync(unit, CancellationToken.None);
    }

    private async Task<PackageJob> StartAsync(string unit)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        return await scope.ServiceProvider.GetRequiredService<PackageJobs>().StartAsync(new PackageRequest(unit, 2024, City), now, CancellationToken.None);
    }

    [Fact]
    public async Task Start_WhileTheUnitsBuildRunsOnAnotherInstance_ReturnsThatBuild()
    {
        var running = await AddAsync("130100", PackageState.Running, TimeSpan.Zero);

        var again = await StartAsync("130100");

        Assert.Equal(running.Id, again.Id);
        Assert.Equal(running.Id, (await LatestAsync("130100"))!.Id);
    }

    [Fact]
    public async Task Start_AfterTheBuildFinished_QueuesANewOne_AndUnitsAreIndependent()
    {
        var done = await AddAsync("130200", PackageState.Done, TimeSpan.FromMinutes(1));

        var again = await StartAsync("130200");

        Assert.NotEqual(done.Id, again.Id);
        Assert.Equal(again.Id, (await LatestAsync("130200"))!.Id);
        Assert.Null(await LatestAsync("130300"));
    }

    [Fact]
    public async Task ABuildWhoseWorkerStoppedBeating_IsTakenOverAndFinished()
    {
        var orphaned = await AddAsync("130500", PackageState.Running, PackageJobs.StaleAfter + TimeSpan.FromMinutes(1));

        PackageJob? latest = null;
        for (var i = 0; i < 600 && (latest = await LatestAsync("130500")) is { Active: true }; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(orphaned.Id, latest!.Id);
        Assert.Equal(PackageState.Done, latest.State);
        Assert.Equal(latest.Total, latest.Done);
        Assert.True(File.Exists(Path.Combine(factory.PackagesFolder, latest.FileName!)));
        Assert.Equal("正在生成", PackagesApi.StateText(PackageState.Running));
    }
}
