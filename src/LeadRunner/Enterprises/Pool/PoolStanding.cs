using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Enterprises.Pool;

/// <summary>
/// Where an enterprise stands in the cultivation pool (its newest decision), and the round rule that only pool
/// members may apply. Reads go through the region filters, so each account sees only the memberships it may.
/// </summary>
public static class PoolStanding
{
    /// <summary>The round setting that refuses applications of enterprises outside the pool.</summary>
    public const string RequireSetting = "requirePoolMembership";

    public const string NotInPoolMessage = "贵企业尚未纳入“领跑者”企业培育库，不能申报本年度认定。请先申请入库。";

    public sealed record MembershipDto(long Id, int EnterpriseId, string EnterpriseName, string Uscc, int Year, string Decision, string DecisionLabel,
        DateTimeOffset DecidedAt, string UnitCode, string UnitName, string? Comment, long? InstanceId)
    {
        public bool Admitted => Decision == nameof(PoolDecision.Admitted);
    }

    public static IQueryable<MembershipDto> Project(LeadRunnerDb db, IQueryable<PoolMembership> query) =>
        query.Select(m => new MembershipDto(m.Id, m.EnterpriseId, m.Enterprise!.Name, m.Enterprise.Uscc, m.Year,
            m.Decision == PoolDecision.Admitted ? nameof(PoolDecision.Admitted) : nameof(PoolDecision.NotAdmitted),
            m.Decision == PoolDecision.Admitted ? "入库" : "不予入库", m.DecidedAt, m.UnitCode,
            db.ReportingUnits.Where(u => u.Code == m.UnitCode).Select(u => u.Name).FirstOrDefault() ?? m.UnitCode, m.Comment, m.InstanceId));

    /// <summary>The enterprise's newest decision, or null when no city has decided on it yet.</summary>
    public static Task<MembershipDto?> LatestAsync(LeadRunnerDb db, int enterpriseId, CancellationToken ct = default) =>
        Project(db, db.PoolMemberships.Where(m => m.EnterpriseId == enterpriseId).OrderByDescending(m => m.Id)).FirstOrDefaultAsync(ct);

    public static async Task<bool> IsMemberAsync(LeadRunnerDb db, int enterpriseId, CancellationToken ct = default) =>
        await db.PoolMemberships.Where(m => m.EnterpriseId == enterpriseId).OrderByDescending(m => m.Id)
            .Select(m => (PoolDecision?)m.Decision).FirstOrDefaultAsync(ct) == PoolDecision.Admitted;

    /// <summary>Whether the round's settings take applications from pool members only.</summary>
    public static bool IsRequired(JsonObject? settings) =>
        settings?[RequireSetting] is JsonValue value && value.TryGetValue<bool>(out var required) && required;

    /// <summary>
    /// Why the enterprise may not start an application of this round, or null. Only workflows whose subject is an
    /// application are held to the round's setting, so pool entry itself and other enterprise cases stay open.
    /// </summary>
    public static async Task<string?> ApplicationRefusalAsync(LeadRunnerDb db, JsonObject? settings, WorkflowDefinition definition, int? enterpriseId)
    {
        if (definition.Subject != "application" || enterpriseId is not { } id || !IsRequired(settings))
        {
            return null;
        }
        return await IsMemberAsync(db, id) ? null : NotInPoolMessage;
    }
}
