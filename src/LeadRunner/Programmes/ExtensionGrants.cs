using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes;

/// <summary>An administrator extends a deadline for one unit or one enterprise; the reason goes to the audit log.</summary>
public sealed class ExtensionGrants(LeadRunnerDb db, AuditLog audit, TimeProvider clock)
{
    public abstract record Outcome
    {
        public sealed record Granted(DeadlineExtension Extension) : Outcome;
        public sealed record Invalid(Dictionary<string, string[]> Errors) : Outcome;
        public sealed record NoProgramme : Outcome;
    }

    public async Task<Outcome> GrantAsync(int year, ProgrammesApi.ExtensionRequest request, string user)
    {
        if (!await db.Programmes.AnyAsync(p => p.Year == year))
        {
            return new Outcome.NoProgramme();
        }
        var errors = new Dictionary<string, string[]>();
        if (request.Stage is null || !DeadlinePolicy.Stages.ContainsKey(request.Stage))
        {
            errors["stage"] = ["请选择延期的环节：enterprise（企业提交）、county（县级审核）或 city（市级报送）。"];
        }
        if (string.IsNullOrWhiteSpace(request.UnitCode) == (request.EnterpriseId is null))
        {
            errors["unitCode"] = ["请指定延期的报送单位或企业（二者选一）。"];
        }
        else if (request.UnitCode is { Length: > 0 } unit && !await db.ReportingUnits.AnyAsync(u => u.Code == unit))
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
        if (errors.Count > 0)
        {
            return new Outcome.Invalid(errors);
        }
        var extension = new DeadlineExtension
        {
            Year = year, Stage = request.Stage!, UnitCode = string.IsNullOrWhiteSpace(request.UnitCode) ? null : request.UnitCode,
            EnterpriseId = request.EnterpriseId, Until = request.Until!.Value,
            Reason = request.Reason!.Trim(), GrantedBy = user, GrantedAt = clock.GetUtcNow(),
        };
        db.DeadlineExtensions.Add(extension);
        audit.Record("批准逾期延期", $"{year} 年度{DeadlinePolicy.Stages[extension.Stage]}：{extension.UnitCode ?? $"企业 {extension.EnterpriseId}"}",
            after: $"延期至 {extension.Until:yyyy-MM-dd}", reason: extension.Reason);
        await db.SaveChangesAsync();
        return new Outcome.Granted(extension);
    }
}
