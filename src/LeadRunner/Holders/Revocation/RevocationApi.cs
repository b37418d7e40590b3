using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Uploads;
using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Revocation;

/// <summary>
/// POST /api/holders/{uscc}/revocations: the province opens a revocation case (第十六条) against a current holder with
/// the facts and the evidence it uploaded. The case, its history line, the files' binding to it and the audit entry
/// commit together or not at all; the case then waits for the holder's statement.
/// </summary>
public static class RevocationApi
{
    public const int MaxEvidence = 20;
    public const int MaxFacts = 2000;

    public sealed record RevocationRequest(string? Ground, string? Facts, IReadOnlyList<string>? Attachments);
    public sealed record Opened(long CaseId);

    public static IEndpointRouteBuilder MapRevocationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/holders/{uscc}/revocations", OpenAsync).RequireAuthorization().WithTags("称号撤销")
            // The typed result declares 201 and 400; a problem's status is known only when it is answered.
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("OpenRevocation").WithSummary("立案审查撤销称号")
            .WithDescription("省工信厅对“领跑者”企业立案审查撤销称号（第十六条），附撤销事由、事实与依据和证据材料（本人已上传文件的编号），案件随后等待企业陈述；"
                + "非省级返回 403，企业不存在或不是称号持有企业返回 404，内容有误返回 400，已有在办撤销案件返回 409。");
        return app;
    }

    public static async Task<Results<Created<Opened>, ProblemHttpResult, ValidationProblem>> OpenAsync(string uscc, RevocationRequest request, LeadRunnerDb db, WriteTransactions writes, RevocationCases cases,
        IUploadedFiles uploads, Audit.AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var actor = Actor.From(http.User);
        if (actor.Scope.Role != Roles.Province)
        {
            return ApiProblems.Forbidden("只有省工业和信息化厅可以立案审查撤销“领跑者”称号。");
        }
        var code = uscc.Trim().ToUpperInvariant();
        var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.Uscc == code).Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(ct);
        if (enterprise is null)
        {
            return ApiProblems.NotFound($"未找到统一社会信用代码为“{uscc}”的企业。");
        }
        var holder = await CurrentTitle.OfAsync(db, enterprise.Id, ct);
        if (holder is null)
        {
            return ApiProblems.NotFound($"{enterprise.Name}：{CurrentTitle.NotAHolder}不能立案撤销称号。");
        }
        var (ground, facts, evidence, errors) = await CheckAsync(request, actor, uploads, ct);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var outcome = await writes.RunAsync<TransitionOutcome>(async () =>
        {
            if (await RevocationCases.OpenCaseAsync(db, holder.Id) is { } open)
            {
                return new TransitionOutcome.Conflict($"{enterprise.Name}已有正在办理的撤销案件（案件 {open.Id}），请在该案件中办理。");
            }
            var raised = await cases.RaiseAsync(db, holder, ground, facts, actor, evidence);
            if (raised is TransitionOutcome.Done done)
            {
                // The province's files go with the case: kept from the orphan sweep, readable by the holder and its county.
                await uploads.AttachAsync(evidence, CaseForms.DraftSubject(done.Instance.Id), ct);
                await uploads.AssignEnterpriseAsync(evidence, holder.EnterpriseId, ct);
                audit.Record("立案审查撤销称号", $"案件 {done.Instance.Id}：{done.Instance.Title}", after: RevocationGrounds.Titles[ground],
                    reason: facts, kind: Audit.AuditKinds.Case, userName: actor.Name);
            }
            return raised;
        }, o => o is TransitionOutcome.Done, m => new TransitionOutcome.Conflict(m));
        return outcome is TransitionOutcome.Done created
            ? TypedResults.Created($"/cases/{created.Instance.Id}", new Opened(created.Instance.Id))
            : TasksApi.Refuse<Created<Opened>>(outcome);
    }

    /// <summary>Every field's problem at once, in Chinese; the evidence must be files the caller uploaded.</summary>
    private static async Task<(string Ground, string Facts, List<Guid> Evidence, Dictionary<string, string[]> Errors)> CheckAsync(
        RevocationRequest request, Actor actor, IUploadedFiles uploads, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var ground = request.Ground?.Trim() ?? "";
        if (!RevocationGrounds.Titles.ContainsKey(ground))
        {
            errors["ground"] = [ground.Length == 0
                ? "请选择撤销事由。"
                : $"撤销事由“{ground}”不是工作指南第十六条所列情形，可选：{string.Join("；", RevocationGrounds.Titles.Select(g => $"{g.Key}（{g.Value}）"))}。"];
        }
        var facts = request.Facts?.Trim() ?? "";
        if (facts.Length == 0)
        {
            errors["facts"] = ["请填写事实与依据。"];
        }
        else if (facts.Length > MaxFacts)
        {
            errors["facts"] = [$"事实与依据不能超过 {MaxFacts} 个字，现为 {facts.Length} 个字。"];
        }
        var evidence = new List<Guid>();
        var problems = new List<string>();
        foreach (var given in request.Attachments ?? [])
        {
            if (Guid.TryParse(given, out var id) || IUploadedFiles.TryParseId(given, out id))
            {
                evidence.Add(id);
            }
            else
            {
                problems.Add($"“{given}”不是上传文件的编号。");
            }
        }
        evidence = [.. evidence.Distinct()];
        if (evidence.Count > MaxEvidence)
        {
            problems.Add($"证据材料最多 {MaxEvidence} 个文件。");
        }
        else if (evidence.Count > 0)
        {
            var found = await uploads.FindAsync(evidence, ct);
            problems.AddRange(evidence.Where(id => !found.TryGetValue(id, out var file) || file.OwnerUserId != actor.UserId)
                .Select(id => $"文件 {id} 不存在或不是您上传的文件，请重新上传。"));
        }
        if (problems.Count > 0)
        {
            errors["attachments"] = [.. problems];
        }
        return (ground, facts, evidence, errors);
    }
}
