using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Admin;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Definitions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes;

public static class ProgrammesApi
{
    public sealed record ProgrammeDto(int Year, string Title, int Version);
    public sealed record VersionDto(int Version, DateTimeOffset CreatedAt, string CreatedBy, string? Note);
    public sealed record ErrorList(string Title, IReadOnlyList<ValidationError> Errors);
    public sealed record ExtensionRequest(string? Stage, string? UnitCode, int? EnterpriseId, DateOnly? Until, string? Reason);
    public sealed record ExtensionDto(long Id, string Stage, string? UnitCode, int? EnterpriseId, DateOnly Until, string Reason, string GrantedBy, DateTimeOffset GrantedAt);

    public static void MapProgrammesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/programmes").WithTags("年度批次");
        group.MapGet("/", async (LeadRunnerDb db) => TypedResults.Ok(await db.Programmes.AsNoTracking().OrderByDescending(p => p.Year)
            .Select(p => new ProgrammeDto(p.Year, p.Title, p.CurrentVersion)).ToListAsync())).AllowAnonymous();
        group.MapGet("/{year:int}", async (int year, LeadRunnerDb db) => await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == year) is { } p
            ? Results.Text(p.SettingsJson, "application/json", Encoding.UTF8)
            : ApiProblems.NotFound($"{year} 年度批次不存在。")).AllowAnonymous();
        group.MapGet("/{year:int}/versions", async (int year, LeadRunnerDb db) => TypedResults.Ok(await db.ProgrammeVersions.AsNoTracking()
            .Where(v => v.Year == year).OrderByDescending(v => v.Version)
            .Select(v => new VersionDto(v.Version, v.CreatedAt, v.CreatedBy, v.Note)).ToListAsync())).RequireAuthorization(Policies.Admin);
        group.MapGet("/{year:int}/versions/{version:int}", async (int year, int version, LeadRunnerDb db) =>
            await db.ProgrammeVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Year == year && v.Version == version) is { } v
                ? Results.Text(v.SettingsJson, "application/json", Encoding.UTF8)
                : ApiProblems.NotFound($"{year} 年度批次没有第 {version} 版。")).RequireAuthorization(Policies.Admin);
        group.MapGet("/compare", Compare).RequireAuthorization(Policies.Admin);
        group.MapPut("/{year:int}", Save).RequireAuthorization(Policies.Admin);
        group.MapPost("/{year:int}/copy-to/{newYear:int}", Copy).RequireAuthorization(Policies.Admin);
        group.MapGet("/{year:int}/extensions", async (int year, LeadRunnerDb db) => TypedResults.Ok(await db.DeadlineExtensions.AsNoTracking()
            .Where(e => e.Year == year).OrderByDescending(e => e.Id)
            .Select(e => new ExtensionDto(e.Id, e.Stage, e.UnitCode, e.EnterpriseId, e.Until, e.Reason, e.GrantedBy, e.GrantedAt)).ToListAsync())).RequireAuthorization(Policies.Admin);
        group.MapPost("/{year:int}/extensions", GrantExtension).RequireAuthorization(Policies.Admin);
    }

    public static async Task<IResult> Save(int year, [FromBody] JsonNode body, ProgrammeStore store, HttpContext http, string? note)
    {
        var outcome = await store.SaveAsync(year, body.ToJsonString(), http.User.Identity!.Name!, note);
        return ToResult(outcome);
    }

    public static async Task<IResult> Copy(int year, int newYear, ProgrammeStore store, HttpContext http)
    {
        if (newYear is < 2020 or > 2100)
        {
            return ApiProblems.Invalid("newYear", "新年度应在 2020～2100 之间。");
        }
        var outcome = await store.CopyAsync(year, newYear, http.User.Identity!.Name!);
        return outcome is ProgrammeStore.Outcome.Saved saved
            ? TypedResults.Created($"/api/programmes/{newYear}", new ProgrammeDto(saved.Programme.Year, saved.Programme.Title, saved.Programme.CurrentVersion))
            : ToResult(outcome);
    }

    public static async Task<IResult> Compare(int a, int b, LeadRunnerDb db)
    {
        var first = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == a);
        var second = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == b);
        if (first is null || second is null)
        {
            return ApiProblems.NotFound($"{(first is null ? a : b)} 年度批次不存在。");
        }
        return TypedResults.Ok(ProgrammeStore.Compare(JsonNode.Parse(first.SettingsJson), JsonNode.Parse(second.SettingsJson)));
    }

    public static async Task<IResult> GrantExtension(int year, ExtensionRequest request, LeadRunnerDb db, AuditLog audit, HttpContext http, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Stage is null || !DeadlinePolicy.Stages.ContainsKey(request.Stage))
        {
            errors["stage"] = ["请选择延期的环节：enterprise（企业提交）、county（县级审核）或 city（市级报送）。"];
        }
        if ((request.UnitCode is null) == (request.EnterpriseId is null))
        {
            errors["unitCode"] = ["请指定延期的报送单位或企业（二者选一）。"];
        }
        else if (request.UnitCode is { } unit && !await db.ReportingUnits.AnyAsync(u => u.Code == unit))
        {
            errors["unitCode"] = [$"报送单位代码“{unit}”不存在。"];
        }
        else if (request.EnterpriseId is { } id && !await db.Enterprises.AnyAsync(e => e.Id == id))
        {
            errors["enterpriseId"] = [$"企业 {id} 不存在。"];
        }
        if (request.Until is null || request.Until < clock.TodayInChina())
        {
            errors["until"] = ["请填写不早于今天的延期截止日期。"];
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["请填写延期原因。"];
        }
        if (!await db.Programmes.AnyAsync(p => p.Year == year))
        {
            return ApiProblems.NotFound($"{year} 年度批次不存在。");
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var extension = new DeadlineExtension
        {
            Year = year, Stage = request.Stage!, UnitCode = request.UnitCode, EnterpriseId = request.EnterpriseId, Until = request.Until!.Value,
            Reason = request.Reason!.Trim(), GrantedBy = http.User.Identity!.Name!, GrantedAt = clock.GetUtcNow(),
        };
        db.DeadlineExtensions.Add(extension);
        audit.Record("批准逾期延期", $"{year} 年度{DeadlinePolicy.Stages[extension.Stage]}：{extension.UnitCode ?? $"企业 {extension.EnterpriseId}"}",
            after: $"延期至 {extension.Until:yyyy-MM-dd}", reason: extension.Reason);
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/programmes/{year}/extensions/{extension.Id}",
            new ExtensionDto(extension.Id, extension.Stage, extension.UnitCode, extension.EnterpriseId, extension.Until, extension.Reason, extension.GrantedBy, extension.GrantedAt));
    }

    private static IResult ToResult(ProgrammeStore.Outcome outcome) => outcome switch
    {
        ProgrammeStore.Outcome.Saved saved => TypedResults.Ok(new ProgrammeDto(saved.Programme.Year, saved.Programme.Title, saved.Programme.CurrentVersion)),
        ProgrammeStore.Outcome.Invalid invalid => TypedResults.BadRequest(new ErrorList("设置有误，未保存", invalid.Errors)),
        ProgrammeStore.Outcome.NotFound notFound => ApiProblems.NotFound(notFound.Message),
        ProgrammeStore.Outcome.Exists exists => ApiProblems.Conflict(exists.Message),
        _ => throw new InvalidOperationException(),
    };
}
