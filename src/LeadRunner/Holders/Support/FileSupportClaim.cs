using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Uploads;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Support;

/// <summary>
/// POST /api/holders/{uscc}/support-claims: the holder claims a support policy with its evidence. The case is started
/// and its claim form submitted in one transaction, so the claim is made where every claim is made (the case's
/// recordSupportClaim effect) and a refusal leaves nothing behind: no claim, no case. The preview answers the same
/// questions (holder, amount, once-only) without storing anything, for the form's page.
/// </summary>
public static class FileSupportClaim
{
    public const string Workflow = "support-claim";

    /// <param name="Attachments">The evidence: ids of files the enterprise uploaded (POST /api/uploads), their urls, or Form.io file entries.</param>
    public sealed record ClaimRequest(string? Kind, decimal? EquipmentInvestment, string? MergerDate, string? MergerParties, decimal? RevenueBefore,
        decimal? RevenueAfter, string? Top500List, int? Top500Year, string? Description, JsonArray? Attachments);

    public sealed record ClaimCreated(long CaseId, long ClaimId, decimal Amount, string Explanation);

    public sealed record PreviewItem(string Kind, string OnceKey, decimal Amount, string Explanation);

    public sealed record Preview(int Year, decimal Amount, string Explanation, IReadOnlyList<PreviewItem> Items);

    public static async Task<Results<Created<ClaimCreated>, ProblemHttpResult, ValidationProblem>> ClaimAsync(string uscc, ClaimRequest request, HttpContext http, LeadRunnerDb db, WriteTransactions writes, StartCase startCase, TakeAction takeAction,
        HolderYear holderYear, SupportClaimRules rules, TimeProvider clock, CancellationToken ct)
    {
        var actor = Actor.From(http.User);
        var (enterpriseId, refusal) = await OwnEnterpriseAsync(uscc, actor, db, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (holderYear.Current() is not { } year)
        {
            return ApiProblems.Conflict(HolderYear.NoOpenRound);
        }
        ArgumentNullException.ThrowIfNull(request);
        var (data, errors) = FormData(request, requireEvidence: true);
        var (figures, figureErrors) = ClaimFigures.Read(data, clock.TodayInChina());
        foreach (var (field, messages) in figureErrors)
        {
            errors[field] = messages;
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        try
        {
            return await writes.RunAsync<Results<Created<ClaimCreated>, ProblemHttpResult, ValidationProblem>>(async () =>
            {
                if (Refusal(await rules.AssessAsync(db, enterpriseId, year, figures!, null, ct)) is { } refused)
                {
                    return refused;
                }
                var started = await startCase.StartWithinAsync(db, Workflow, enterpriseId, new JsonObject { ["year"] = year }, actor);
                if (started is not TransitionOutcome.Done done)
                {
                    return Problem(started);
                }
                var submitted = await takeAction.ActInBatchAsync(done.Instance.Id, "submit", null, data, actor);
                if (submitted is not TransitionOutcome.Done filed)
                {
                    return Problem(submitted);
                }
                await db.SaveChangesAsync(ct); // the claims' ids, for the answer
                var caseId = done.Instance.Id;
                var claims = db.ChangeTracker.Entries<SupportClaim>().Select(e => e.Entity).Where(c => c.InstanceId == caseId).OrderBy(c => c.Id).ToList();
                var variables = JsonNode.Parse(filed.Instance.VariablesJson)?["claim"];
                return TypedResults.Created($"/api/instances/{caseId.ToString(CultureInfo.InvariantCulture)}",
                    new ClaimCreated(caseId, claims[0].Id, claims.Sum(c => c.Amount), variables?["explanation"]?.GetValue<string>() ?? claims[0].Explanation));
            }, result => result.Result is Created<ClaimCreated>, message => ApiProblems.Conflict(message));
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // Another claim of the same reward won the unique index between the check and the write: name it.
            db.ChangeTracker.Clear();
            return Refusal(await rules.AssessAsync(db, enterpriseId, year, figures!, null, ct))
                ?? ApiProblems.Conflict("同一奖励的申请刚刚已经提交，请刷新后查看本企业的申请。");
        }
    }

    public static async Task<Results<Ok<Preview>, ValidationProblem, ProblemHttpResult>> PreviewAsync(string uscc, ClaimRequest request, HttpContext http,
        LeadRunnerDb db, HolderYear holderYear, SupportClaimRules rules, TimeProvider clock, CancellationToken ct)
    {
        var (enterpriseId, refusal) = await OwnEnterpriseAsync(uscc, Actor.From(http.User), db, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (holderYear.Current() is not { } year)
        {
            return ApiProblems.Conflict(HolderYear.NoOpenRound);
        }
        ArgumentNullException.ThrowIfNull(request);
        var (data, _) = FormData(request, requireEvidence: false);
        var (figures, errors) = ClaimFigures.Read(data, clock.TodayInChina());
        if (figures is null)
        {
            return ApiProblems.Invalid(errors);
        }
        return await rules.AssessAsync(db, enterpriseId, year, figures, null, ct) switch
        {
            SupportClaimRules.Assessment.Allowed allowed => TypedResults.Ok(new Preview(year, allowed.Total, allowed.Explanation,
                [.. allowed.Rewards.Select(r => new PreviewItem(SupportKinds.Name(r.Kind), r.OnceKey, r.Amount, r.Explanation))])),
            SupportClaimRules.Assessment.Invalid invalid => ApiProblems.Invalid(invalid.Errors),
            var refused => Refused(refused),
        };
    }

    /// <summary>An enterprise claims for itself only: the code must be its own.</summary>
    private static async Task<(int EnterpriseId, ProblemHttpResult? Refusal)> OwnEnterpriseAsync(string uscc, Actor actor, LeadRunnerDb db, CancellationToken ct)
    {
        var code = (uscc ?? "").Trim().ToUpperInvariant();
        var own = actor.Scope.EnterpriseId is { } id
            ? await db.Enterprises.Where(e => e.Id == id).Select(e => new { e.Id, e.Uscc }).FirstOrDefaultAsync(ct)
            : null;
        return own is not null && own.Uscc == code
            ? (own.Id, null)
            : (0, ApiProblems.Forbidden($"支持资金只能由“领跑者”企业为本企业申请；统一社会信用代码 {code} 不是您所在的企业。"));
    }

    /// <summary>The support-claim form's data from the request: the same keys, the evidence as the form's file entries.</summary>
    private static (JsonObject Data, Dictionary<string, string[]> Errors) FormData(ClaimRequest request, bool requireEvidence)
    {
        var errors = new Dictionary<string, string[]>();
        var data = new JsonObject();
        void Put(string key, JsonNode? value)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }
        Put("kind", request.Kind);
        Put("equipmentInvestment", request.EquipmentInvestment);
        Put("mergerDate", request.MergerDate);
        Put("mergerParties", request.MergerParties);
        Put("revenueBefore", request.RevenueBefore);
        Put("revenueAfter", request.RevenueAfter);
        Put("top500List", request.Top500List);
        Put("top500Year", request.Top500Year);
        Put("description", request.Description);
        var files = new JsonArray();
        var attachments = request.Attachments ?? [];
        for (var i = 0; i < attachments.Count; i++)
        {
            var url = attachments[i] switch
            {
                JsonValue v when v.TryGetValue<string>(out var text) => Guid.TryParse(text, out var id) ? IUploadedFiles.UrlFor(id) : text,
                JsonObject o => o["url"]?.ToString(),
                _ => null,
            };
            if (!IUploadedFiles.TryParseId(url, out var fileId))
            {
                errors[$"attachments[{i.ToString(CultureInfo.InvariantCulture)}]"] = [$"第 {(i + 1).ToString(CultureInfo.InvariantCulture)} 个证明材料应为通过本系统上传（POST /api/uploads）的文件编号或地址。"];
                continue;
            }
            files.Add(new JsonObject { ["storage"] = "url", ["name"] = fileId.ToString(), ["url"] = IUploadedFiles.UrlFor(fileId) });
        }
        if (requireEvidence && attachments.Count == 0)
        {
            errors["attachments"] = ["请上传证明材料（至少一个文件）：每项支持资金申请都须附证明材料。"];
        }
        data["evidenceFiles"] = files;
        return (data, errors);
    }

    private static Results<Created<ClaimCreated>, ProblemHttpResult, ValidationProblem>? Refusal(SupportClaimRules.Assessment assessment) => assessment switch
    {
        SupportClaimRules.Assessment.Allowed => null,
        SupportClaimRules.Assessment.Invalid i => ApiProblems.Invalid(i.Errors),
        _ => Refused(assessment),
    };

    /// <summary>Why a claim that is well formed cannot be made: not a holder, or the reward already claimed.</summary>
    private static ProblemHttpResult Refused(SupportClaimRules.Assessment assessment) => assessment switch
    {
        SupportClaimRules.Assessment.NotHolder n => ApiProblems.Conflict(n.Message),
        SupportClaimRules.Assessment.Taken t => ApiProblems.Conflict(t.Message),
        _ => ApiProblems.Conflict("支持资金申请未能受理。"),
    };

    /// <summary>The engine's refusal, with the form's field paths (data.evidenceFiles[0]) as the API names them (attachments[0]).</summary>
    private static Results<Created<ClaimCreated>, ProblemHttpResult, ValidationProblem> Problem(TransitionOutcome outcome) => outcome switch
    {
        TransitionOutcome.Invalid { FieldErrors: { } fields } => ApiProblems.Invalid(fields
            .GroupBy(f => ApiField(f.Key)).ToDictionary(g => g.Key, g => g.Select(f => f.Value).ToArray())),
        _ => TasksApi.Refuse<Created<ClaimCreated>>(outcome),
    };

    private static string ApiField(string path)
    {
        var field = path.StartsWith("data.", StringComparison.Ordinal) ? path["data.".Length..] : path;
        return field.StartsWith("evidenceFiles", StringComparison.Ordinal) ? "attachments" + field["evidenceFiles".Length..] : field;
    }
}
