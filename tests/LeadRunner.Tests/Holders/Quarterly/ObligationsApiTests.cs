using System.Net;
using System.Text.Json.Nodes;
using LeadRunner.Holders;
using LeadRunner.Tests.TestHost;
using static LeadRunner.Tests.Holders.Quarterly.QuarterlyScenario;

namespace LeadRunner.Tests.Holders.Quarterly;

/// <summary>GET /api/holders/{uscc}/obligations: every kind of obligation with its status today, in the shape, scoped like the enterprise.</summary>
public class ObligationsApiTests
{
    [Fact]
    public async Task Obligations_AllKindsWithTheirStatus_ForTheHolderAndItsOfficesOnly()
    {
        using var factory = new WorkflowFactory();
        var scenario = new QuarterlyScenario(factory);
        var holder = await scenario.HolderAsync();
        await scenario.FileThirdQuarterAsync(holder, WorkflowDriver.QingheUscc);
        await scenario.MoveToAsync(At(2025, 1, 2, 9));
        // A change filing written by the change-filing case (here directly): effective 2024-11-20, due a month later, not filed.
        await scenario.WithDbAsync(async db =>
        {
            db.Obligations.Add(new Obligation
            {
                HolderId = holder.Id, EnterpriseId = holder.EnterpriseId, Kind = ObligationKind.ChangeFiling, Period = "2024-11-20", DueDate = new DateOnly(2024, 12, 20),
            });
            return await db.SaveChangesAsync();
        });

        foreach (var user in new[] { $"ent.{WorkflowDriver.QingheUscc}", "county.130534", "city.130500", "province" })
        {
            var response = await (await factory.ClientFor(user)).GetAsync($"/api/holders/{WorkflowDriver.QingheUscc}/obligations");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var rows = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
            Assert.Equal(
                [("quarterlyUpdate", "2024Q3", "2024-10-15", "done"), ("changeFiling", "2024-11-20", "2024-12-20", "overdue"), ("quarterlyUpdate", "2024Q4", "2025-01-15", "open")],
                rows.Select(r => (r!["kind"]!.GetValue<string>(), r["period"]!.GetValue<string>(), r["dueDate"]!.GetValue<string>(), r["status"]!.GetValue<string>())));
            Assert.All(rows, r => Assert.Equal(["kind", "period", "dueDate", "status"], r!.AsObject().Select(p => p.Key)));
        }

        foreach (var user in new[] { $"ent.{WorkflowDriver.XiongUscc}", "county.130638", "city.133100" })
        {
            var response = await (await factory.ClientFor(user)).GetAsync($"/api/holders/{WorkflowDriver.QingheUscc}/obligations");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("不存在或不在您的管辖范围内", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor("admin")).GetAsync($"/api/holders/{WorkflowDriver.QingheUscc}/obligations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().GetAsync($"/api/holders/{WorkflowDriver.QingheUscc}/obligations")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await (await factory.ClientFor("province")).GetAsync("/api/holders/not-a-code/obligations")).StatusCode);

        // An enterprise that holds nothing owes nothing.
        var none = await (await factory.ClientFor($"ent.{WorkflowDriver.XiongUscc}")).GetAsync($"/api/holders/{WorkflowDriver.XiongUscc}/obligations");
        Assert.Equal("[]", await none.Content.ReadAsStringAsync());
    }
}
