using LeadRunner.Accounts;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Documents.Issued;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadRunner.Documents.Packages;

/// <summary>
/// A reporting unit's submission package: start a build, poll its progress, download the ZIP. Only the unit's city
/// officer and the province/administrators; for anyone else the unit's package does not exist (404).
/// </summary>
public static class PackagesApi
{
    public sealed record PackageStatus(Guid Id, string UnitCode, int? Year, string State, string StateText, int Done, int Total,
        DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt, long Size, string? DownloadUrl, string? Error, IReadOnlyList<string> Problems);

    public static void MapPackagesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/units/{unitCode}/package").WithTags("报送材料包").RequireAuthorization();
        group.MapPost("", Start)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("StartUnitPackage").WithSummary("开始生成报送材料包")
            .WithDescription("在后台开始生成报送单位的材料包（year 缺省为最近年度），返回 202 和进度；已有进行中的生成时返回该次的进度。仅该单位的市级工信部门和省级可调用，其他人或单位不存在为 404。");
        group.MapGet("/status", Status)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetUnitPackageStatus").WithSummary("查看材料包生成进度")
            .WithDescription("返回报送单位最近一次材料包生成的状态和进度（已完成企业数 / 企业总数），完成后给出下载地址。仅该单位的市级工信部门和省级可调用；其他人、单位不存在或尚未生成过均为 404。");
        group.MapGet("/download", Download)
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DownloadUnitPackage").WithSummary("下载报送材料包（ZIP）")
            .WithDescription("下载报送单位最近一次生成完成的材料包（ZIP，支持断点续传），下载记入审计日志。仅该单位的市级工信部门和省级可下载；其他人、单位不存在或没有已完成的材料包均为 404。");
    }

    public static async Task<Results<Accepted<PackageStatus>, ProblemHttpResult>> Start(string unitCode, int? year, HttpContext http, LeadRunnerDb db, PackageJobs jobs, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await UnitFor(http, db, unitCode, cancellationToken) is { } problem)
        {
            return problem;
        }
        var job = await jobs.StartAsync(new PackageRequest(unitCode, year, Issuer.Of(http.User)), clock.GetUtcNow(), cancellationToken);
        return TypedResults.Accepted($"/api/units/{unitCode}/package/status", ToStatus(job));
    }

    public static async Task<Results<Ok<PackageStatus>, ProblemHttpResult>> Status(string unitCode, HttpContext http, LeadRunnerDb db, PackageJobs jobs, CancellationToken cancellationToken)
    {
        if (await UnitFor(http, db, unitCode, cancellationToken) is { } problem)
        {
            return problem;
        }
        return await jobs.LatestAsync(unitCode, cancellationToken) is { } job
            ? TypedResults.Ok(ToStatus(job))
            : ApiProblems.NotFound("该报送单位尚未生成材料包，请先开始生成。");
    }

    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> Download(string unitCode, HttpContext http, LeadRunnerDb db, PackageJobs jobs, IOptions<PackageOptions> options, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await UnitFor(http, db, unitCode, cancellationToken) is { } problem)
        {
            return problem;
        }
        var job = await jobs.LatestAsync(unitCode, cancellationToken);
        if (job is not { State: PackageState.Done, FileName: { } name } || Path.Combine(options.Value.Folder, name) is not { } path || !File.Exists(path))
        {
            return ApiProblems.NotFound("该报送单位没有已生成完成的材料包，请先生成并等待完成。");
        }
        audit.Record("下载报送材料包", job.DownloadName ?? unitCode, after: $"报送单位 {unitCode}，{job.Size} 字节", kind: AuditKinds.Export);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.PhysicalFile(path, "application/zip", job.DownloadName, enableRangeProcessing: true);
    }

    /// <summary>404 unless the unit exists and the caller may act for it.</summary>
    private static async Task<ProblemHttpResult?> UnitFor(HttpContext http, LeadRunnerDb db, string unitCode, CancellationToken cancellationToken) =>
        FilledDocumentsApi.MayActForUnit(AccessScope.For(http.User), unitCode)
        && await db.ReportingUnits.AnyAsync(u => u.Code == unitCode, cancellationToken)
            ? null
            : ApiProblems.NotFound($"未找到报送单位“{unitCode}”的材料包，或您无权查看。");

    public static PackageStatus ToStatus(PackageJob job) => new(
        job.Id, job.UnitCode, job.Year, job.State.ToString().ToLowerInvariant(), StateText(job.State), job.Done, job.Total,
        job.RequestedAt, job.FinishedAt, job.Size,
        job.State == PackageState.Done ? $"/api/units/{job.UnitCode}/package/download" : null, job.Error, job.Problems);

    public static string StateText(PackageState state) => state switch
    {
        PackageState.Queued => "排队中",
        PackageState.Running => "正在生成",
        PackageState.Done => "已完成",
        _ => "失败",
    };
}
