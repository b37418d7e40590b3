using System.Text.Json.Nodes;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Publicity;

/// <summary>
/// The province investigates an objection and decides it. An upheld objection takes the case off the list (rejected,
/// the enterprise notified) in the same unit of work as the decision.
/// </summary>
public sealed class ObjectionDecisions(LeadRunnerDb db, WriteTransactions writes, TakeAction takeAction, TextLimits limits, AuditLog audit, TimeProvider clock)
{
    public const string Dismissed = "dismissed";
    public const string Upheld = "upheld";

    public abstract record Outcome
    {
        public sealed record Done(Objection Objection, string Message) : Outcome;
        public sealed record NotFound(string Message) : Outcome;
        public sealed record Invalid(string Field, string Message) : Outcome;
        public sealed record Conflict(string Message) : Outcome;
    }

    public async Task<Outcome> RecordInvestigationAsync(string receipt, string? note, Actor actor, CancellationToken ct)
    {
        if (await db.Objections.FirstOrDefaultAsync(o => o.Receipt == receipt, ct) is not { } objection)
        {
            return new Outcome.NotFound($"异议 {receipt} 不存在。");
        }
        if (objection.Decided)
        {
            return new Outcome.Conflict($"异议 {receipt} 已作出决定（{objection.StatusText}），核查记录不能再修改。");
        }
        var text = note?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new Outcome.Invalid("note", "请填写核查情况。");
        }
        if (limits.Note("note", text) is { } tooLong)
        {
            return new Outcome.Invalid("note", tooLong);
        }
        objection.Investigation = text;
        objection.InvestigatedBy = actor.DisplayName ?? actor.Name;
        objection.InvestigatedAt = clock.GetUtcNow();
        objection.Status = ObjectionStatus.Investigating;
        objection.Revision++;
        audit.Record("记录异议核查情况", $"异议 {receipt}（{objection.EnterpriseName}）", after: text, kind: AuditKinds.Case, userName: actor.Name);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Outcome.Conflict($"异议 {receipt} 刚被他人处理，请刷新后查看。");
        }
        return new Outcome.Done(objection, "核查情况已保存。");
    }

    public Task<Outcome> DecideAsync(string receipt, string? outcome, string? comment, Actor actor, CancellationToken ct) =>
        writes.RunAsync<Outcome>(async () =>
        {
            if (await db.Objections.FirstOrDefaultAsync(o => o.Receipt == receipt, ct) is not { } objection)
            {
                return new Outcome.NotFound($"异议 {receipt} 不存在。");
            }
            if (objection.Decided)
            {
                return new Outcome.Conflict($"异议 {receipt} 已于{objection.DecidedAt?.ToChina():yyyy年M月d日}作出决定（{objection.StatusText}），不能重复决定。");
            }
            if (outcome is not (Dismissed or Upheld))
            {
                return new Outcome.Invalid("outcome", "请选择处理结果：异议不成立（dismissed）或异议成立（upheld）。");
            }
            var reason = comment?.Trim() ?? "";
            if (reason.Length == 0)
            {
                return new Outcome.Invalid("comment", "请填写处理意见和理由。");
            }
            if (limits.Comment("comment", reason) is { } tooLong)
            {
                return new Outcome.Invalid("comment", tooLong);
            }
            objection.Status = outcome == Upheld ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed;
            objection.DecisionComment = reason;
            objection.DecidedBy = actor.DisplayName ?? actor.Name;
            objection.DecidedAt = clock.GetUtcNow();
            objection.Revision++;
            var message = outcome == Upheld ? "已决定：异议成立，该企业已从名单中移除，并已通知企业。" : "已决定：异议不成立。";
            if (outcome == Upheld)
            {
                var caseStep = await db.WorkflowInstances.Where(i => i.Id == objection.CaseId).Select(i => new { i.CurrentStep, i.Status }).FirstOrDefaultAsync(ct);
                if (caseStep is { CurrentStep: RoundActs.InPublicity, Status: InstanceStatus.Running })
                {
                    var moved = await takeAction.ActInBatchAsync(objection.CaseId, RoundActs.Uphold, reason, new JsonObject { ["objection"] = receipt }, actor);
                    if (moved is not TransitionOutcome.Done)
                    {
                        return new Outcome.Conflict($"未能取消该企业的认定资格：{moved.Reason}");
                    }
                }
                else
                {
                    message = "已决定：异议成立（该企业的案件已不在公示环节，未再改变其状态）。";
                }
            }
            audit.Record($"异议决定：{objection.StatusText}", $"异议 {receipt}（{objection.EnterpriseName}）", after: reason, kind: AuditKinds.Case, userName: actor.Name);
            return new Outcome.Done(objection, message);
        }, o => o is Outcome.Done, m => new Outcome.Conflict(m));
}
