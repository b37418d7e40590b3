using BenchmarkDotNet.Attributes;
using LeadRunner.Accounts;
using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Benchmarks.Workflow;

/// <summary>A user's inbox (count + first page of 50, by due date) among 100,000 open tasks. Target: ≤ 20 ms.</summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class InboxBenchmark
{
    private BenchmarkHost _host = null!;
    private HttpContext _county = null!;
    private HttpContext _city = null!;
    private HttpContext _province = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        _host = new BenchmarkHost();
        await using var scope = _host.Services.CreateAsyncScope();
        var db = _host.Db(scope);
        var counties = await db.Counties.Select(c => new { c.Code, c.UnitCode }).ToListAsync();
        var enterpriseId = await db.Enterprises.Select(e => e.Id).FirstAsync();
        var version = await db.ArtifactVersions.Where(v => v.Kind == "workflow" && v.Key == "recognition").Select(v => v.Version).FirstAsync();

        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var connection = db.Database.GetDbConnection();
        await using (var instance = connection.CreateCommand())
        {
            instance.CommandText = "INSERT INTO WorkflowInstances (DefinitionId, Version, Title, EnterpriseId, CurrentStep, StepEnteredAt, VariablesJson, Status, StartedAt, StartedBy, Revision) " +
                $"VALUES ('recognition', {version}, '基准案件', {enterpriseId}, 'countyReview', 0, '{{\"year\":2024}}', 1, 0, 'bench', 0);";
            await instance.ExecuteNonQueryAsync();
        }
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Tasks (InstanceId, StepId, Title, Role, CountyCode, UnitCode, CreatedAt, DueAt, Escalated, Status, Revision) " +
            "VALUES (1, $step, '基准任务', $role, $county, $unit, 0, $due, 0, 1, 0);";
        var step = insert.CreateParameter(); step.ParameterName = "$step"; insert.Parameters.Add(step);
        var role = insert.CreateParameter(); role.ParameterName = "$role"; insert.Parameters.Add(role);
        var county = insert.CreateParameter(); county.ParameterName = "$county"; insert.Parameters.Add(county);
        var unit = insert.CreateParameter(); unit.ParameterName = "$unit"; insert.Parameters.Add(unit);
        var due = insert.CreateParameter(); due.ParameterName = "$due"; insert.Parameters.Add(due);
        var start = new DateTimeOffset(2024, 9, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        for (var i = 0; i < 100_000; i++)
        {
            var c = counties[i % counties.Count];
            var kind = i % 4; // half county, a quarter city, a quarter province
            step.Value = kind < 2 ? "countyReview" : kind == 2 ? "cityReview" : "provinceReview";
            role.Value = kind < 2 ? Roles.County : kind == 2 ? Roles.City : Roles.Province;
            county.Value = kind < 2 ? c.Code : DBNull.Value;
            unit.Value = kind == 2 ? c.UnitCode : DBNull.Value;
            due.Value = start + TimeSpan.FromHours(i % 2000).Ticks;
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        _county = Context(Roles.County, ScopeClaims.CountyCode, "130534");
        _city = Context(Roles.City, ScopeClaims.UnitCode, "130500");
        _province = Context(Roles.Province, null, null);
    }

    private static DefaultHttpContext Context(string role, string? claim, string? value)
    {
        var claims = new List<System.Security.Claims.Claim> { new(System.Security.Claims.ClaimTypes.Name, "bench"), new(System.Security.Claims.ClaimTypes.Role, role) };
        if (claim is not null)
        {
            claims.Add(new(claim, value!));
        }
        return new DefaultHttpContext { User = new(new System.Security.Claims.ClaimsIdentity(claims, "bench")) };
    }

    private async Task<int> InboxAs(HttpContext user)
    {
        _host.Services.GetRequiredService<IHttpContextAccessor>().HttpContext = user;
        await using var scope = _host.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<Inbox>().ListAsync(0, 50);
        return page.Total;
    }

    [Benchmark]
    public Task<int> CountyInbox() => InboxAs(_county);

    [Benchmark]
    public Task<int> CityInbox() => InboxAs(_city);

    [Benchmark]
    public Task<int> ProvinceInbox() => InboxAs(_province);

    [GlobalCleanup]
    public void CleanUp() => _host.Dispose();
}
