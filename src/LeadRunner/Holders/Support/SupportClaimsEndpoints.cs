using LeadRunner.Accounts;
using LeadRunner.Hosting;

namespace LeadRunner.Holders.Support;

/// <summary>The support-claim routes: the holder's claim and its preview, the scoped list, the province's Excel ledger.</summary>
public static class SupportClaimsEndpoints
{
    public static IEndpointRouteBuilder MapSupportClaims(this IEndpointRouteBuilder app)
    {
        var claims = app.MapGroup("/api/holders/{uscc}/support-claims").WithTags("支持资金").RequireAuthorization(Policies.Enterprise);
        claims.MapPost("/", FileSupportClaim.ClaimAsync)
            // The typed result declares 201 and 400; a problem's status is known only when it is answered.
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("FileSupportClaim").WithSummary("申请支持资金")
            .WithDescription("“领跑者”企业为本企业申请支持资金（附证明材料），发起县、市、省三级审核；不是本企业返回 403，内容有误返回 400，"
                + "无受理中的年度、不是称号持有企业或同一奖励已申请返回 409。");
        claims.MapPost("/preview", FileSupportClaim.PreviewAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("PreviewSupportClaim").WithSummary("试算支持资金申请")
            .WithDescription("按本年度支持政策试算申请金额并检查能否申请，不保存；不是本企业返回 403，内容有误返回 400，不能申请返回 409 并说明原因。");
        app.MapGet("/api/support-claims", SupportLedgerApi.ListAsync).WithTags("支持资金").RequireAuthorization(p => p.RequireRole([.. Roles.Programme]))
            .WithName("ListSupportClaims").WithSummary("支持资金申请列表")
            .WithDescription("管辖范围内的支持资金申请，可按年度（year）、类别（kind）、状态（status）筛选；筛选值无效返回 400。");
        app.MapGet("/api/support-claims.xlsx", SupportLedgerApi.ExportAsync).WithTags("支持资金").RequireAuthorization(p => p.RequireRole(Roles.Province))
            .Produces<Stream>(StatusCodes.Status200OK, XlsxSheet.ContentType)
            .WithName("ExportSupportLedger").WithSummary("导出支持资金台账")
            .WithDescription("省级工作人员导出支持资金台账（Excel .xlsx，中文表头，金额为数字），筛选条件同申请列表，导出记入审计日志；筛选值无效返回 400。");
        return app;
    }
}
