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
        group.MapGet("/{key}", GetSchema).AllowAnonymous();
        group.MapPost("/{key}/validate", Validate).AllowAnonymous().RequireRateLimiting(RateLimits.AnonymousSubmissions);
        group.MapPost("/{key}/submissions", Submit).AllowAnonymous().RequireRateLimiting(RateLimits.AnonymousSubmissions);
        group.MapPost("/{key}/upload-grants", FormUploadGrants.IssueAsync).AllowAnonymous().RequireRateLimiting(RateLimits.AnonymousSubmissions)
            .WithSummary("为公开表单的访客签发上传凭证（限时、限数量）");
        group.MapGet("/{key}/submissions", ListSubmissions).RequireAuthorization();
        group.MapGet("/submissions/{id:long}", GetSubmission).RequireAuthorization();
    }

    /// <summary>The form when the caller may fill it: public forms for anyone, the others after login.</summary>
    /// <summary>
    /// A named year must be a round the caller may see (draft rounds are for administrators only); the form is then
    /// the version that round pins.
    /// </summary>
    internal static async Task<(FormDefinitions.Current? Form, IResult? Problem)> FindFillableAsync(string key, int? year, LeadRunnerDb db, FormDefinitions definitions, ClaimsPrincipal user, CancellationToken ct)
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

    private static async Task<IResult> GetSchema(string key, int? year, LeadRunnerDb db, FormDefinitions definitions, ClaimsPrincipal user, Rounds.RoundLists lists, CancellationToken ct)
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

    private static async Task<IResult> Validate(string key, int? year, DataRequest? request, HttpContext http, LeadRunnerDb db, FormDefinitions definitions, FormValidation validation,
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

    private static async Task<IResult> Submit(string key, int? year, DataRequest? request, HttpContext http, LeadRunnerDb db, FormDefinitions definitions, FormValidation validation,
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
