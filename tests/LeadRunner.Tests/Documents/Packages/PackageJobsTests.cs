using LeadRunner.Documents.Issued;
using LeadRunner.Documents.Packages;

namespace LeadRunner.Tests.Documents.Packages;

public class PackageJobsTests
{
    private static readonly DateTimeOffset Now = new(2024, 9, 10, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Start_WhileTheUnitsBuildIsActive_ReturnsThatBuild()
    {
        var jobs = new PackageJobs();

        var first = jobs.Start(new PackageRequest("130500", 2024, new Issuer("city", null, null)), Now);
        var second = jobs.Start(new PackageRequest("130500", 2024, new Issuer("province", null, null)), Now);

        Assert.Same(first, second);
        Assert.Same(first, jobs.Latest("130500"));
    }

    [Fact]
    public void Start_AfterTheBuildFinished_QueuesANewOne_AndUnitsAreIndependent()
    {
        var jobs = new PackageJobs();
        var first = jobs.Start(new PackageRequest("130500", 2024, new Issuer("city", null, null)), Now);
        first.State = PackageState.Done;

        var again = jobs.Start(new PackageRequest("130500", 2024, new Issuer("city", null, null)), Now);
        var other = jobs.Start(new PackageRequest("133100", 2024, new Issuer("city", null, null)), Now);

        Assert.NotSame(first, again);
        Assert.NotSame(again, other);
        Assert.Same(again, jobs.Latest("130500"));
        Assert.Null(jobs.Latest("130100"));
    }

    [Fact]
    public void Report_IsReadBackAsEnterprisesDoneOfTotal()
    {
        var job = new PackageJob(new PackageRequest("130500", null, new Issuer("city", null, null)), Now);

        ((IProgress<PackageProgress>)job).Report(new PackageProgress(3, 100));

        Assert.Equal((3, 100), (job.Done, job.Total));
        Assert.Equal("正在生成", PackagesApi.StateText(PackageState.Running));
    }
}
