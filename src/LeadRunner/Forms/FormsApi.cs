using System.Security.Claims;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Forms;

/// <summary>Filling in forms: the published schema, server-side validation and submissions. Public forms admit anyone.</summary>
public static class FormsApi
{
    public sealed record DataRequest(JsonObject? Data, string? Subject);
    public sealed record ValidationResponse(bool Valid, IReadOnlyList<FieldError> Errors);
    public sealed record Submitted(long Id, string FormKey, int Version);
    public sealed record SubmissionDto(long Id, string FormKey, int Version, string Subject, int? EnterpriseId, string? SubmitterName, DateTimeOffset CreatedAt, JsonNode? Data);

    public static void MapFormsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/forms").WithTags("表单填报");
        group.MapGet("/{key}", GetSchema).AllowAnonymous().Produces<JsonObject>(StatusCodes.Status200OK, "application/json")
            .WithName("GetFormSchema").WithSummary("读取可填写的表单")
            .WithDescription("返回表单已发布的定义（Form.io JSON，含版本号）；指定 year 时为该年度批次所用的版本。公开表单可匿名读取，其余须登录（未登录答 401）；表单或批次不存在答 404。")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{key}/validate", Validate).AllowAnonymous().RequireRateLimiting(RateLimits.AnonymousSubmissions)
            .WithName("ValidateFormData").WithSummary("校验表单数据")
            .WithDescription("按服务器端规则校验一份表单数据，返回逐项的问题，不保存。公开表单可匿名调用，其余须登录（未登录答 401）；上传凭证无效答 403，表单不存在答 404。")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{key}/submissions", Submit).AllowAnonymous().RequireRateLimiting(RateLimits.AnonymousSubmissions)
            .WithName("SubmitForm").WithSummary("提交表单")
            .WithDescription("校验并保存一份表单数据，所附上传文件随之归档。公开表单可匿名提交，其余须登录（未登录答 401）；数据有误答 400（逐项说明），"
                + "角色不能单独提交或上传凭证无效答 403，表单不存在答 404。")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{key}/upload-grants", FormUploadGrants.IssueAsync).AllowAnonymous().RequireRateLimiting(RateLimits.AnonymousSubmissions)
            .WithName("IssueFormUploadGrant").WithSummary("签发访客上传凭证")
            .WithDescription("为公开表单的访客签发限时、限数量的上传凭证，凭它上传文件和提交表单；可匿名调用。表单没有上传字段答 400，须登录填写的表单答 403，表单不存在答 404。")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{key}/submissions", ListSubmissions).RequireAuthorization()
            .WithName("ListFormSubmissions").WithSummary("表单的提交记录")
            .WithDescription("列出某表单最近 500 条提交记录（不含数据），可按关联对象 subject 筛选；须登录，只列出调用者查看范围内的记录。");
        group.MapGet("/submissions/{id:long}", GetSubmission).RequireAuthorization()
            .WithName("GetFormSubmission").WithSummary("读取一条提交记录")
            .WithDescription("返回一条提交记录及其数据；须登录。不存在或不在调用者查看范围内均答 404。")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// The form when the caller may fill it: public forms for anyone, the others after login. A named year must be a round the caller may see (draft rounds are for administrators only); the form is then
    /// the version that round pins.
    /// </summary>
    internal static async Task<(FormDefinitions.Current? Form, ProblemHttpResult? Problem)> FindFillableAsync(string key, int? year, LeadRunnerDb db, FormDefinitions definitions, ClaimsPrincipal user, CancellationToken ct)
    {
        if (year is { } y && (definitions.Rounds.Find(y) is null || definitions.Rounds.HiddenFrom(y, user)))
        {
            return (null, ApiProblems.NotFound($"{y} 年度批次不存在或尚未公开。"));
        }
        var current = await definitions.ForRoundAsync(db, key, year, ct);
        if (current is null)
        {
            return (null, ApiProblems.NotFound($"表单“{key}”不存在或尚未发布。"));
        }
        if (current.Definition.Access != FormAccess.Public && user.Identity?.IsAuthenticated != true)
        {
            return (null, TypedResults.Problem(title: "需要登录", detail: $"填写“{current.Definition.Title}”须先登录。", statusCode: StatusCodes.Status401Unauthorized));
        }
        return (current, null);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetSchema(string key, int? year, LeadRunnerDb db, FormDefinitions definitions, ClaimsPrincipal user, Rounds.RoundLists lists, CancellationToken ct)
    {
        var (form, problem) = await FindFillableAsync(key, year, db, definitions, user, ct);
        if (form is null)
        {
            return problem!;
        }
        // A form's round lists are the named round's, else the current round's, as validation checks them.
        var schema = FormHtml.Sanitise(RoundListSelects.ForYear(JsonNode.Parse(form.Json)!.AsObject(), form.Definition.UsesRoundLists ? year ?? lists.CurrentYear() : null));
        schema["version"] = form.Version;
        return TypedResults.Text(schema.ToJsonString(), "application/json", System.Text.Encoding.UTF8);
    }

    private static async Task<Results<Ok<ValidationResponse>, ValidationProblem, ProblemHttpResult>> Validate(string key, int? year, DataRequest? request, HttpContext http, LeadRunnerDb db, FormDefinitions definitions, FormValidation validation,
        UploadGrants grants, ClaimsPrincipal user, CancellationToken ct)
    {
        var (form, problem) = await FindFillableAsync(key, year, db, definitions, user, ct);
        if (form is null)
        {
            return problem!;
        }
        var (grantOwner, grantProblem) = FormUploadGrants.OwnerFor(http.Request, key, grants);
        if (grantProblem is not null)
        {
            return grantProblem;
        }
        if (request?.Data is null)
        {
            return ApiProblems.Invalid("data", "请求中缺少表单数据 data（应为 JSON 对象）。");
        }
        var result = await validation.ValidateAsync(form.Definition, form.Version, request.Data, UserId(user), null, grantOwner, ct);
        return TypedResults.Ok(new ValidationResponse(result.Valid, result.Errors));
    }

    private static async Task<Results<Created<Submitted>, ValidationProblem, ProblemHttpResult>> Submit(string key, int? year, DataRequest? request, HttpContext http, LeadRunnerDb db, FormDefinitions definitions, FormValidation validation,
        UploadGrants grants, ClaimsPrincipal user, TimeProvider clock, IServiceProvider services, CancellationToken ct)
    {
        var (form, problem) = await FindFillableAsync(key, year, db, definitions, user, ct);
        if (form is null)
        {
            return problem!;
        }
        var (grantOwner, grantProblem) = FormUploadGrants.OwnerFor(http.Request, key, grants);
        if (grantProblem is not null)
        {
            return grantProblem;
        }
        if (!form.Definition.MayBeSubmittedAloneBy(user))
        {
            return ApiProblems.Forbidden(form.Definition.RolesRefusal());
        }
        if (request?.Data is null)
        {
            return ApiProblems.Invalid("data", "请求中缺少表单数据 data（应为 JSON 对象）。");
        }
        var subject = request.Subject?.Trim() ?? "";
        if (subject.Length > 100)
        {
            return ApiProblems.Invalid("subject", "关联对象 subject 不能超过 100 个字符。");
        }
        var userId = UserId(user);
        var result = await validation.ValidateAsync(form.Definition, form.Version, request.Data, userId, null, grantOwner, ct);
        if (!result.Valid)
        {
            return ApiProblems.Invalid(result.Errors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }
        var submission = await FormSubmission.AddAsync(db, result, subject, userId, user.FindFirstValue(ClaimTypes.Name),
            AccessScope.For(user).EnterpriseId, clock.GetUtcNow(), ct, year);
        await db.SaveChangesAsync(ct);
        var files = FormValidation.FileIds(result.Data);
        if (files.Count > 0 && services.GetService<IUploadedFiles>() is { } uploads)
        {
            await uploads.AttachAsync(files, $"form-submission:{submission.Id}", ct);
        }
        return TypedResults.Created($"/api/forms/submissions/{submission.Id}", new Submitted(submission.Id, key, form.Version));
    }

    private static async Task<Ok<SubmissionDto[]>> ListSubmissions(string key, string? subject, LeadRunnerDb db, CancellationToken ct)
    {
        var query = db.FormSubmissions.AsNoTracking().Where(s => s.FormKey == key);
        if (subject is not null)
        {
            query = query.Where(s => s.Subject == subject);
        }
        var rows = await query.OrderByDescending(s => s.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(s => ToDto(s, withData: false)).ToArray());
    }

    private static async Task<Results<Ok<SubmissionDto>, ProblemHttpResult>> GetSubmission(long id, LeadRunnerDb db, CancellationToken ct)
    {
        // The query filter hides submissions outside the caller's scope: those answer as not found.
        var submission = await db.FormSubmissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return submission is null ? ApiProblems.NotFound($"提交记录 {id} 不存在或无权查看。") : TypedResults.Ok(ToDto(submission, withData: true));
    }

    private static SubmissionDto ToDto(FormSubmission s, bool withData) =>
        new(s.Id, s.FormKey, s.FormVersion, s.Subject, s.EnterpriseId, s.SubmitterName, s.CreatedAt, withData ? JsonNode.Parse(s.DataJson) : null);

    internal static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
