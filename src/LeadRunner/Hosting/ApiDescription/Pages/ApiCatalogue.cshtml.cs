using LeadRunner.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadRunner.Hosting.ApiDescription.Pages;

/// <summary>
/// The API in Chinese for the administrator who connects another system: every operation of the served description
/// grouped by tag, with what it needs and what it may answer. Read from the same document clients generate from, so
/// the page cannot drift from the description.
/// </summary>
[Authorize(Policy = Policies.SysAdmin)]
public sealed class ApiCatalogueModel([FromKeyedServices(ApiCatalogueModel.DocumentName)] IOpenApiDocumentProvider provider) : PageModel
{
    public const string DocumentName = "v1";

    public sealed record Operation(string Method, string Path, string OperationId, string Summary, string Description, string Access,
        IReadOnlyList<string> Answers, bool Deprecated);
    public sealed record Group(string Tag, string Description, IReadOnlyList<Operation> Operations);

    public IReadOnlyList<Group> Groups { get; private set; } = [];
    public int OperationCount => Groups.Sum(g => g.Operations.Count);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var document = await provider.GetOpenApiDocumentAsync(ct);
        Groups = Catalogue(document);
    }

    /// <summary>Tags in the order ApiTags lists them (by subject, not by code point); an operation under its first tag.</summary>
    public static IReadOnlyList<Group> Catalogue(OpenApiDocument document)
    {
        var descriptions = (document.Tags ?? new HashSet<OpenApiTag>()).Where(t => t.Name is not null).ToDictionary(t => t.Name!, t => t.Description ?? "");
        var order = ApiTags.Descriptions.Keys.Select((name, index) => (name, index)).ToDictionary(t => t.name, t => t.index);
        var operations =
            from path in document.Paths ?? []
            from entry in path.Value.Operations ?? []
            let operation = entry.Value
            select (Tag: operation.Tags?.FirstOrDefault()?.Name ?? "其他", Item: new Operation(
                entry.Key.Method, path.Key, operation.OperationId ?? "", operation.Summary ?? "", operation.Description ?? "",
                AccessOf(operation), AnswersOf(operation), operation.Deprecated));
        return [.. operations
            .GroupBy(o => o.Tag)
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Group(g.Key, descriptions.GetValueOrDefault(g.Key, ""),
                [.. g.Select(o => o.Item).OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => MethodOrder(o.Method))]))];
    }

    // `security: [{}]` alone is anonymous; beside a scheme it means credentials are optional (OperationRefusals).
    private static string AccessOf(OpenApiOperation operation)
    {
        var requirements = operation.Security ?? [];
        var anonymous = requirements.Any(r => r.Count == 0);
        var signedIn = requirements.Any(r => r.Count > 0);
        return signedIn && anonymous ? "可不登录（由接口判断）" : anonymous ? "可匿名访问" : "需登录";
    }

    private static IReadOnlyList<string> AnswersOf(OpenApiOperation operation) =>
        [.. (operation.Responses ?? []).Keys.Order(StringComparer.Ordinal).Select(code => StatusNames.TryGetValue(code, out var name) ? $"{code} {name}" : code)];

    private static int MethodOrder(string method) => Array.IndexOf(["GET", "POST", "PUT", "PATCH", "DELETE"], method) is var i and >= 0 ? i : 9;

    private static readonly Dictionary<string, string> StatusNames = new(StringComparer.Ordinal)
    {
        ["200"] = "成功", ["201"] = "已创建", ["202"] = "已受理", ["204"] = "成功（无内容）", ["302"] = "跳转", ["304"] = "未修改",
        ["400"] = "数据有误", ["401"] = "未登录", ["403"] = "无权限", ["404"] = "不存在", ["409"] = "冲突",
        ["410"] = "已失效", ["412"] = "前提不符", ["413"] = "内容过大", ["415"] = "类型不支持", ["422"] = "无法处理", ["429"] = "请求过频",
        ["503"] = "暂不可用",
    };
}
