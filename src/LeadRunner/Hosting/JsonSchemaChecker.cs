using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace LeadRunner.Hosting;

/// <summary>A JSON Schema file under workflows/schema, loaded once; its messages put into Chinese with the JSON path.</summary>
public class JsonSchemaChecker
{
    // JsonSchema.Net registers a schema's $id process-wide, so each distinct text is built once and shared.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<JsonSchema>> Built = new();

    private readonly JsonSchema _schema;

    public JsonSchemaChecker(IHostEnvironment environment, string fileName)
    {
        Text = File.ReadAllText(Path.Combine(environment.ContentRootPath, "workflows", "schema", fileName));
        _schema = Built.GetOrAdd(Text, static text => new Lazy<JsonSchema>(() => JsonSchema.FromText(text))).Value;
    }

    /// <summary>The schema as served to the editor.</summary>
    public string Text { get; }

    public IEnumerable<(string Path, string Message)> Check(JsonNode? node)
    {
        var results = _schema.Evaluate(JsonSerializer.SerializeToElement(node), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            yield break;
        }
        foreach (var detail in (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
        {
            var path = ToPath(detail.InstanceLocation.ToString());
            foreach (var (keyword, message) in detail.Errors!)
            {
                yield return (path, Translate(keyword, message, path));
            }
        }
    }

    /// <summary>JSON Pointer "/steps/2/id" → "$.steps[2].id".</summary>
    public static string ToPath(string location)
    {
        var path = "$";
        foreach (var segment in location.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            path += int.TryParse(name, out var index) ? $"[{index}]" : $".{name}";
        }
        return path;
    }

    private static string Translate(string keyword, string message, string path)
    {
        var quoted = Regex.Matches(message, "\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        return keyword switch
        {
            "required" => $"缺少必填项：{string.Join("、", quoted)}",
            "" or "false" or "additionalProperties" or "unevaluatedProperties" => $"不认识的属性“{path[(path.LastIndexOf('.') + 1)..]}”",
            "enum" => "取值不在允许的范围内",
            "pattern" => "格式不正确",
            "type" when quoted.Count == 2 => $"类型应为 {quoted[1]}，实际为 {quoted[0]}",
            "type" => "类型不正确",
            "minimum" or "exclusiveMinimum" => "数值太小",
            "maximum" or "exclusiveMaximum" => "数值太大",
            "minLength" => "不能为空或太短",
            "maxLength" => "内容太长",
            "minItems" => "至少需要一项",
            "uniqueItems" => "不能有重复项",
            _ => $"不符合架构要求（{keyword}）",
        };
    }
}
