using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadRunner.Hosting.ApiDescription;

/// <summary>
/// Example bodies for the main requests a client sends, attached by operationId (the mapping's WithName), so the
/// reference page and generated clients show a realistic request rather than an empty skeleton.
/// </summary>
public sealed class RequestExamples : IOpenApiOperationTransformer
{
    /// <summary>The self-check: a textile enterprise of the 清河 cashmere cluster (as the rules page's sample).</summary>
    private const string EligibilityCheck = """
        {
          "year": 2024,
          "industry": "纺织",
          "listed": false,
          "inCultivationPool": true,
          "clusterRank": 2,
          "clusterSize": 40,
          "revenue": 12000,
          "rdExpense": 384,
          "partners": [
            { "name": "清河县宏达羊绒纺纱有限公司", "inCluster": true, "relation": "上游" },
            { "name": "清河县雪绒服饰有限公司", "inCluster": true, "relation": "下游" },
            { "name": "上海悦尚服饰有限公司", "inCluster": false, "relation": "下游" }
          ],
          "specialConditions": [
            { "category": "科技创新", "items": ["省级及以上企业技术中心"] }
          ]
        }
        """;

    /// <summary>A county office approving an application at its review step.</summary>
    private const string TaskCompletion = """
        {
          "action": "approve",
          "comment": "经核查，申报材料真实、完整，企业近三年无重大安全、环保事故，同意推荐。"
        }
        """;

    /// <summary>An individual's real-name objection with one uploaded piece of evidence.</summary>
    private const string Objection = """
        {
          "objectorType": "个人",
          "name": "张伟",
          "idNumber": "130534198503152310",
          "phone": "13931912345",
          "enterprise": "清河县宏达羊绒纺纱有限公司",
          "facts": "该企业申报材料中 2023 年营业收入 1.2 亿元，与其在县统计部门报送的数据（约 8000 万元）明显不符，请予核查。",
          "attachments": ["3f2b8c1e-5d4a-4e8b-9c7f-1a2b3c4d5e6f"]
        }
        """;

    public static readonly IReadOnlyDictionary<string, (string Summary, string Json)> ByOperationId =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["CheckEligibility"] = ("纺织企业自评", EligibilityCheck),
            ["CompleteTask"] = ("县级审核通过", TaskCompletion),
            ["SubmitObjection"] = ("个人实名异议", Objection),
        };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is { } id && ByOperationId.TryGetValue(id, out var example)
            && operation.RequestBody?.Content is { } content)
        {
            foreach (var (mediaType, body) in content)
            {
                if (mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
                {
                    body.Examples ??= new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal);
                    body.Examples[id] = new OpenApiExample { Summary = example.Summary, Value = JsonNode.Parse(example.Json) };
                }
            }
        }
        return Task.CompletedTask;
    }
}
