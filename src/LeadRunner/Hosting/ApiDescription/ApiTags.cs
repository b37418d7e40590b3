using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadRunner.Hosting.ApiDescription;

/// <summary>
/// Every tag an endpoint group uses (WithTags), declared once at document level with what it covers. A tag missing
/// here is still declared, without a description, and ApiDescriptionContentTests fails naming it.
/// Also makes sure the ProblemDetails schema every refusal refers to is in the components.
/// </summary>
public sealed class ApiTags : IOpenApiDocumentTransformer
{
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["认证"] = "登录取得 Bearer 令牌、刷新与退出，查看本人账号、修改密码、管理本人的登录会话。",
        ["账号管理"] = "安全管理员维护工作人员和企业账号：创建、停用、重置密码、分配角色与管辖范围。",
        ["行政区划"] = "河北省的市（含定州、辛集）与县（市、区）代码和名称，可匿名查询。",
        ["工作日历"] = "法定节假日与调休工作日，用于计算审核时限。",
        ["企业"] = "企业信息与注册、产业集群名录（可匿名）和培育库，按管辖范围查询。",
        ["待办任务"] = "当前账号的待办任务：认领、释放、办理（提交、通过、退回等）。",
        ["流程定义"] = "审核流程的定义与版本：校验、草稿、发布、导入导出（系统管理员）。",
        ["流程实例"] = "进行中和已结束的流程实例、办理记录与当前环节，按管辖范围查询。",
        ["异常事件"] = "流程运行中的异常（超时、效果执行失败等）及其处理。",
        ["消息"] = "站内消息与通知：列表、已读标记、未读数。",
        ["支持政策"] = "按“领跑者”支持政策测算企业可得的支持（可匿名）。",
        ["支持资金"] = "称号持有企业申领支持资金，工作人员查看和导出支持资金台账。",
        ["年度批次"] = "年度批次与年度规划：创建、配置（条件、名单、时限）、开放申报、导入导出与统计。",
        ["年度批次案件"] = "某年度批次中的申报案件：查询、状态与材料，按管辖范围过滤。",
        ["版本"] = "配置类对象（条件、表单、模板等）的版本历史、对比与回退。",
        ["认定条件"] = "认定条件的自评（可匿名）和条件规则的维护、试算（系统管理员）。",
        ["上传"] = "上传与下载附件：登录用户或持上传凭证的访客上传，所有者与有权人员下载。",
        ["表单填报"] = "表单的取得、校验与提交（含公开表单的匿名提交和上传凭证）。",
        ["表单定义"] = "表单设计（Form.io）的保存、检查、导入导出（系统管理员）。",
        ["文书"] = "按模板生成的文书（推荐函、证明等）的下载。",
        ["文书模板"] = "文书模板的维护与版本。",
        ["填写版文件"] = "可下载的填写版文件（Word/Excel 申报表格）。",
        ["文件核验"] = "按核验码核验已出具文件的真伪（可匿名）。",
        ["报送材料包"] = "各市（单位）报送材料包（ZIP）的生成与下载。",
        ["审计日志"] = "操作审计日志的查询与导出（安全审计员）。",
        ["网站内容"] = "门户网站公开内容：通知公告、政策文件、页面（可匿名读取）。",
        ["网站内容编辑"] = "门户网站内容的编辑、审核与发布（网站编辑）。",
        ["公示与异议"] = "发布公示与认定名单，公示期内实名提出异议，省级核查与决定。",
        ["称号持有企业"] = "“领跑者”称号持有企业名录、季度报送义务与信息报送。",
        ["称号变更记录"] = "称号撤销、到期终止的公开记录（可匿名，新的在前）。",
        ["称号撤销"] = "对称号持有企业发起撤销程序。",
    };

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var used = (document.Paths ?? [])
            .SelectMany(p => p.Value.Operations ?? [])
            .SelectMany(o => o.Value.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            Description = Descriptions.GetValueOrDefault(name),
        }));

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (!document.Components.Schemas.ContainsKey(OperationRefusals.ProblemSchema))
        {
            document.Components.Schemas[OperationRefusals.ProblemSchema] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        }
    }
}
