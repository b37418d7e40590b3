using LeadRunner.Cms.Editing;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.TestHost;

/// <summary>Content items as tests need them: published through the content service, over the demo data's 2024 cases.</summary>
public static class CmsSamples
{
    /// <summary>Publishes an item as a publisher would, through the content service.</summary>
    public static async Task PublishAsync(LeadRunnerFactory factory, ContentDocument doc)
    {
        using var scope = factory.Services.CreateScope();
        var content = scope.ServiceProvider.GetRequiredService<SiteContent>();
        var created = await content.CreateAsync(doc, "province", CancellationToken.None);
        var done = Assert.IsType<SiteContent.Outcome.Done>(created, exactMatch: false);
        Assert.IsType<SiteContent.Outcome.Done>(await content.PublishAsync(done.Item.Id, null, "province", CancellationToken.None), exactMatch: false);
    }

    private static readonly SemaphoreSlim Starting = new(1, 1);

    /// <summary>Cases of the 2024 round (Qinghe's and Xiongxian's recognition, started once per app), each with its enterprise's name.</summary>
    public static async Task<List<(int Id, string Name)>> CasesOf2024Async(LeadRunnerFactory factory, int count)
    {
        await Starting.WaitAsync();
        try
        {
            var driver = new WorkflowDriver(factory);
            foreach (var uscc in new[] { WorkflowDriver.QingheUscc, WorkflowDriver.XiongUscc }.Take(count))
            {
                using var check = factory.Services.CreateScope();
                var started = check.ServiceProvider.GetRequiredService<LeadRunnerDb>().WorkflowInstances.IgnoreQueryFilters()
                    .Any(i => i.RoundYear == 2024 && i.Enterprise!.Uscc == uscc);
                if (!started)
                {
                    await driver.StartRecognitionAsync(uscc);
                }
            }
        }
        finally
        {
            Starting.Release();
        }
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var cases = await db.WorkflowInstances.IgnoreQueryFilters().Where(i => i.RoundYear == 2024 && i.EnterpriseId != null)
            .OrderBy(i => i.Id).Take(count)
            .Join(db.Enterprises.IgnoreQueryFilters(), i => i.EnterpriseId, e => e.Id, (i, e) => new { i.Id, e.Name }).ToListAsync();
        Assert.Equal(count, cases.Count);
        return [.. cases.Select(c => ((int)c.Id, c.Name))];
    }

    /// <summary>A working day on or before today (China time), so that a 公示 opened then is open today.</summary>
    public static DateOnly OpenWindowStart(LeadRunnerFactory factory)
    {
        var calendar = factory.Services.GetRequiredService<WorkingDayCalendar>();
        var day = factory.Services.GetRequiredService<TimeProvider>().TodayInChina();
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }
        return day;
    }
}
