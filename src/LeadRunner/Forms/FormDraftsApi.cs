using System.Security.Claims;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Forms;

/// <summary>
/// Autosaved drafts of form data, one per user, form and subject. Only signed-in users have drafts, and a user
/// only ever reads their own: every query is by the caller's user id.
/// </summary>
public static class FormDraftsApi
{
    public sealed record DraftDto(string FormKey, string Subject, int FormVersion, DateTimeOffset UpdatedAt, JsonNode? Data);

    private const int MaxDraftChars = 512 * 1024;

    public static void MapFormDraftsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/forms/{key}/draft").WithTags("表单填报").RequireAuthorization();
        group.MapGet("/", Get).WithName("GetFormDraft").WithSummary("读取自己的表单草稿")
            .WithDescription("返回调用者本人就该表单和关联对象 subject 自动保存的草稿；须登录，只能读到自己的草稿。没有草稿答 404。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/", Save).WithName("SaveFormDraft").WithSummary("保存表单草稿")
            .WithDescription("自动保存调用者本人填写中的表单数据（每人每表单每关联对象一份，不超过 512 KB）；须登录。数据缺失或过大答 400，表单不存在答 404。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/", Delete).WithName("DeleteFormDraft").WithSummary("删除表单草稿")
            .WithDescription("删除调用者本人就该表单和关联对象 subject 的草稿，没有草稿时同样成功；须登录。");
    }

    private static async Task<Results<Ok<DraftDto>, ProblemHttpResult>> Get(string key, string? subject, LeadRunnerDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = FormsApi.UserId(user);
        var s = subject ?? "";
        var draft = await db.FormDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.UserId == userId && d.FormKey == key && d.Subject == s, ct);
        return draft is null
            ? ApiProblems.NotFound("没有保存的草稿。")
            : TypedResults.Ok(new DraftDto(draft.FormKey, draft.Subject, draft.FormVersion, draft.UpdatedAt, JsonNode.Parse(draft.DataJson)));
    }

    private static async Task<Results<Ok<DraftDto>, ValidationProblem, ProblemHttpResult>> Save(string key, FormsApi.DataRequest? request, string? subject, LeadRunnerDb db, FormDefinitions definitions,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var (form, problem) = await FormsApi.FindFillableAsync(key, null, db, definitions, user, ct);
        if (form is null)
        {
            return problem!;
        }
        var s = (subject ?? request?.Subject ?? "").Trim();
        if (s.Length > 100)
        {
            return ApiProblems.Invalid("subject", "关联对象 subject 不能超过 100 个字符。");
        }
        if (request?.Data is null)
        {
            return ApiProblems.Invalid("data", "请求中缺少表单数据 data（应为 JSON 对象）。");
        }
        var json = request.Data.ToJsonString();
        if (json.Length > MaxDraftChars)
        {
            return ApiProblems.Invalid("data", "草稿内容过大（超过 512 KB），请精简后再保存。");
        }
        var userId = FormsApi.UserId(user);
        var draft = await db.FormDrafts.FirstOrDefaultAsync(d => d.UserId == userId && d.FormKey == key && d.Subject == s, ct);
        if (draft is null)
        {
            draft = new FormDraft { FormKey = key, UserId = userId, Subject = s, DataJson = json };
            db.FormDrafts.Add(draft);
        }
        draft.DataJson = json;
        draft.FormVersion = form.Version;
        draft.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new DraftDto(key, s, form.Version, draft.UpdatedAt, null));
    }

    private static async Task<NoContent> Delete(string key, string? subject, LeadRunnerDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = FormsApi.UserId(user);
        var s = subject ?? "";
        await db.FormDrafts.Where(d => d.UserId == userId && d.FormKey == key && d.Subject == s).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }
}
