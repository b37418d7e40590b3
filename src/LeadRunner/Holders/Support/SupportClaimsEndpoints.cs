using LeadRunner.Accounts;

namespace LeadRunner.Holders.Support;

/// <summary>The support-claim routes: the holder's claim and its preview, the scoped list, the province's Excel ledger.</summary>
public static class SupportClaimsEndpoints
{
    public static IEndpointRouteBuilder MapSupportClaims(this IEndpointRouteBuilder app)
    {
        var claims = app.MapGroup("/api/holders/{uscc}/support-claims").WithTags("支持资金").RequireAuthorization(Policies.Enterprise);
        claims.MapPost("/", FileSupportClaim.ClaimAsync).WithSummary("“领跑者”企业为本企业申请支持资金（附证明材料），发起县、市、省三级审核");
        claims.MapPost("/preview", FileSupportClaim.PreviewAsync).WithSummary("按本年度支持政策试算申请金额并检查能否申请，不保存");
        app.MapGet("/api/support-claims", SupportLedgerApi.ListAsync).WithTags("支持资金").RequireAuthorization(p => p.RequireRole([.. Roles.Programme]))
            .WithSummary("管辖范围内的支持资金申请，按年度（year）、类别（kind）、状态（status）筛选");
        app.MapGet("/api/support-claims.xlsx", SupportLedgerApi.ExportAsync).WithTags("支持资金").RequireAuthorization(p => p.RequireRole(Roles.Province))
            .WithSummary("省级支持资金台账（Excel .xlsx，中文表头），筛选条件同上");
        return app;
    }
}
