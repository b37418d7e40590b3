using System.Data.Common;
using System.Security.Claims;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Workflow.Runtime;

/// <summary>
/// Each inbox query is answered from its index of open tasks. Those indexes are partial ("Status" = 1): SQLite uses
/// one only when the query states that filter as a constant, so a query passing the status as a parameter would
/// silently scan the whole task table.
/// </summary>
public class InboxIndexTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    [Theory]
    [InlineData(Roles.County, ScopeClaims.CountyCode, "130534", "IX_Tasks_Role_CountyCode_DueAt")]
    [InlineData(Roles.City, ScopeClaims.UnitCode, "130500", "IX_Tasks_Role_UnitCode_DueAt")]
    [InlineData(Roles.Enterprise, ScopeClaims.EnterpriseId, "1", "IX_Tasks_Role_EnterpriseId_DueAt")]
    // The province's inbox narrows by role alone, which every one of the four indexes leads with; the planner may take any.
    [InlineData(Roles.Province, null, null, "IX_Tasks_Role_")]
    public async Task InboxQuery_UsesTheOpenTasksIndexOfItsRole(string role, string? claim, string? value, string index)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var claims = new List<Claim> { new(ClaimTypes.Name, $"{role}.plan"), new(ClaimTypes.Role, role) };
        if (claim is not null)
        {
            claims.Add(new Claim(claim, value!));
        }
        accessor.HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) };
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            await db.Database.OpenConnectionAsync();
            await using var command = scope.ServiceProvider.GetRequiredService<Inbox>().Query().CreateDbCommand();

            // PostgreSQL, without statistics on a near-empty table, prices the three indexes alike and may take any;
            // what matters there is that it can use an open-tasks index at all, i.e. that the query implies its filter.
            Assert.Contains(db.Database.IsSqlite() ? index : "IX_Tasks_Role_", await PlanAsync(db, command), StringComparison.Ordinal);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    /// <summary>The query plan as text. PostgreSQL's planner would scan a table this small, so sequential scans are priced out.</summary>
    private static async Task<string> PlanAsync(LeadRunnerDb db, DbCommand command)
    {
        var sqlite = db.Database.IsSqlite();
        if (!sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off;");
        }
        command.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);
            }
        }
        if (!sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("RESET enable_seqscan;");
        }
        return string.Join('\n', plan);
    }
}
