using System.Net;
using LeadRunner.Data;
using LeadRunner.Demo;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Demo;

public class DemoSeederTests
{
    private static async Task<(int Users, int Enterprises, int Counties, int Units, int Roles)> Counts(LeadRunnerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        return (await db.Users.CountAsync(), await db.Enterprises.CountAsync(), await db.Counties.CountAsync(),
            await db.ReportingUnits.CountAsync(), await db.UserRoles.CountAsync());
    }

    [Fact]
    public async Task Seed_CreatesEveryDemoAccount()
    {
        using var factory = new LeadRunnerFactory();
        var counts = await Counts(factory);
        // admin, secadmin, auditor + province and its site editor + 14 city + 190 county + 6 enterprise accounts, each with one role.
        Assert.Equal(5 + 14 + 190 + DemoSeeder.Enterprises.Length, counts.Users);
        Assert.Equal(counts.Users, counts.Roles);
        foreach (var user in new[] { "admin", "secadmin", "auditor", "province", "city.130100", "city.130682", "city.133100", "county.130638", $"ent.{DemoSeeder.Enterprises[0].Uscc}" })
        {
            Assert.NotNull(await factory.ClientFor(user));
        }
    }

    [Fact]
    public async Task Seed_RunTwice_AddsNothing()
    {
        using var factory = new LeadRunnerFactory();
        var before = await Counts(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        }
        Assert.Equal(before, await Counts(factory));
    }

    [Fact]
    public async Task App_StartsAgainstExistingDatabase_KeepingDataAndChanges()
    {
        var path = LeadRunnerFactory.NewDatabasePath();
        (int, int, int, int, int) first;
        using (var factory = new LeadRunnerFactory(path, deleteOnDispose: false))
        {
            first = await Counts(factory);
            var admin = await factory.ClientFor("admin");
            var moved = await admin.PutAsync("/api/regions/counties/130102/unit",
                System.Net.Http.Json.JsonContent.Create(new { unitCode = "130200", reason = "重启保持测试" }));
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            await factory.DisposeAsync();
            Assert.True(factory.DatabaseExists);
        }
        using var restarted = new LeadRunnerFactory(path, deleteOnDispose: true);
        Assert.Equal(HttpStatusCode.OK, (await restarted.AnonymousClient().GetAsync("/health")).StatusCode);
        Assert.Equal(first, await Counts(restarted));
        await using var scope = restarted.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        Assert.Equal("130200", (await db.Counties.SingleAsync(c => c.Code == "130102")).UnitCode);
    }
}
