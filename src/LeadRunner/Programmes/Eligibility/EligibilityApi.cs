using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>The anonymous self-check of an application, and the administrators' rules: list, edit (versioned) and try.</summary>
public static class EligibilityApi
{
    public sealed record RuleDto(string Id, string Title, string Group, string? Category, string Expression, string Explanation,
        bool Judgement, int SortOrder, int Version, DateTimeOffset UpdatedAt, string UpdatedBy, bool Enabled);
    public sealed record VersionDto(int Version, DateTimeOffset At, string By, string? Note, string Json);

    /// <summary>Sample data for one rule; expression, explanation, title and judgement, when given, are tried unsaved.</summary>
    public sealed record TryRequest(int? Year, EligibilityApplication? Application, string? Title, string? Expression, string? Explanation, bool? Judgement);
    public sealed record TryResponse(string Id, string Group, string Title, string Result, string Explanation, int SettingsVersion);

    public static void MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/eligibility").WithTags("认定条件");
        group.MapPost("/check", Check).AllowAnonymous().RequireRateLimiting(RateLimits.AnonymousSubmissions)
            .WithName("CheckEligibility").WithSummary("认定条件自评")
            .WithDescription("按该年度的认定条件逐条评判一份申报数据（营业收入、研发投入、集群排名、特色类别等），返回是否符合及每条的结果与说明，不保存；"
                + "可匿名访问并限流。数据有误或年度尚未公开返回 400（逐项说明）。");
        group.MapGet("/rules", Rules).RequireAuthorization(Policies.SysAdmin)
            .WithName("ListEligibilityRules").WithSummary("认定条件列表")
            .WithDescription("系统管理员查看全部认定条件（基本条件、特色条件），按组和排序号排列，含表达式、说明、版本和是否启用。");
        group.MapGet("/rules/{id}/versions", RuleVersions).RequireAuthorization(Policies.SysAdmin)
            .WithName("ListEligibilityRuleVersions").WithSummary("认定条件历史版本")
            .WithDescription("系统管理员查看一条认定条件已发布的各版本（新的在前），含原文、发布人、时间和说明。");
        group.MapPut("/rules/{id}", Save).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("SaveEligibilityRule").WithSummary("保存认定条件")
            .WithDescription("系统管理员新建或修改一条认定条件（保存为新版本）；内容或表达式有误返回 400（逐项列出），条件不存在返回 404，与他人修改或在办年度冲突返回 409。");
        group.MapPost("/rules/{id}/try", Try).RequireAuthorization(Policies.SysAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("TryEligibilityRule").WithSummary("试算认定条件")
            .WithDescription("系统管理员用示例申报数据试算一条认定条件，可带未保存的表达式、说明或标题，不保存；条件不存在返回 404，表达式或数据有误返回 400。");
    }

    public static Results<Ok<EligibilityEvaluator.Result>, ValidationProblem> Check(EligibilityApplication application, EligibilityEvaluator evaluator, ProgrammeYears years,
        Rounds.RoundDirectory rounds, HttpContext http)
    {
        // A round being prepared is not public: its thresholds are seen by administrators only.
        if (rounds.HiddenFrom(application.Year, http.User))
        {
            return ApiProblems.Invalid("year", $"{application.Year} 年度批次尚未公开，无法自评。");
        }
        var outcome = evaluator.Check(application, years.Get(application.Year));
        return outcome.Result is { } result ? TypedResults.Ok(result) : ApiProblems.Invalid(outcome.Errors);
    }

    public static async Task<Ok<List<RuleDto>>> Rules(LeadRunnerDb db) =>
        TypedResults.Ok((await db.EligibilityRules.AsNoTracking().ToListAsync())
            .OrderBy(r => RuleGroups.Order(r.Group)).ThenBy(r => r.SortOrder).ThenBy(r => r.Id, StringComparer.Ordinal).Select(ToDto).ToList());

    public static async Task<Ok<List<VersionDto>>> RuleVersions(string id, LeadRunnerDb db) =>
        TypedResults.Ok(await db.ArtifactVersions.AsNoTracking().Of(RuleKind.Kind, id).Numbered().OrderByDescending(v => v.Version)
            .Select(v => new VersionDto(v.Version!.Value, v.PublishedAt!.Value, v.PublishedBy!, v.Note, v.Content)).ToListAsync());

    public static async Task<Results<Ok<RuleDto>, InvalidArtifact, ArtifactConflict, ProblemHttpResult>> Save(string id, EligibilityRuleStore.RuleEdit edit,
        EligibilityRuleStore store, LeadRunnerDb db, HttpContext http, CancellationToken ct)
    {
        var outcome = await store.SaveAsync(id, edit, http.User.Identity!.Name!, ct);
        return outcome is VersionOutcome.Saved saved
            ? TypedResults.Ok(ToDto(await db.EligibilityRules.AsNoTracking().FirstAsync(r => r.Id == saved.Version.Key, ct)))
            : VersionsApi.Refuse<Ok<RuleDto>>(outcome, "认定条件有误，未保存");
    }

    public static async Task<Results<Ok<TryResponse>, InvalidArtifact, ProblemHttpResult>> Try(string id, TryRequest request, LeadRunnerDb db, EligibilityRuleStore store, EligibilityRuleSet ruleSet,
        EligibilityEvaluator evaluator, ProgrammeYears years, CancellationToken ct)
    {
        if (await db.EligibilityRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } current)
        {
            return ApiProblems.NotFound($"认定条件“{id}”不存在。");
        }
        var (rule, errors) = store.Prepare(id, new EligibilityRuleStore.RuleEdit(request.Title, null, null, request.Expression, request.Explanation, request.Judgement, null, null), current);
        if (rule is null)
        {
            return new InvalidArtifact("认定条件有误，无法试算", errors);
        }
        if (request.Application is not { } application)
        {
            return new InvalidArtifact("试算数据有误", [ValidationError.At("application", "请提供试算用的申报数据。")]);
        }
        application = application with { Year = application.Year ?? request.Year };
        var year = years.Get(application.Year);
        var invalid = ApplicationChecks.Validate(application, year);
        if (invalid.Count > 0)
        {
            return new InvalidArtifact("试算数据有误", [.. invalid.SelectMany(e => e.Value.Select(m => ValidationError.At($"application.{e.Key}", m)))]);
        }
        var result = evaluator.Run(ruleSet.Compile(rule), application.ToScript(), year!);
        return TypedResults.Ok(new TryResponse(result.Id, result.Group, result.Title, result.Result, result.Explanation, year!.Version));
    }

    public static RuleDto ToDto(EligibilityRule r) =>
        new(r.Id, r.Title, r.Group, r.Category, r.Expression, r.Explanation, r.Judgement, r.SortOrder, r.Version, r.UpdatedAt, r.UpdatedBy, r.Enabled);
}
