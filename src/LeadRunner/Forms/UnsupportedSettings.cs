using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Versioning;

namespace LeadRunner.Forms;

/// <summary>
/// Component settings the browser would enforce (or Form.io's own server would) but this server does not check: they
/// are refused at publish, with the path and why, so that no setting is accepted and then ignored. The designer hides
/// the same settings (forms-designer.js), and <see cref="Settings"/> is the list it reads.
/// </summary>
public static class UnsupportedSettings
{
    public sealed record Setting(string Path, string Reason);

    /// <summary>Each refused setting: its path inside a component (as the designer's edit form names it) and why.</summary>
    public static readonly IReadOnlyList<Setting> Settings =
    [
        new("unique", "“唯一值”需要查询全部历史提交，服务器不做此项检查"),
        new("persistent", "“不保存”的字段服务器无法校验"),
        new("protected", "“受保护”字段由 Form.io 自己的服务器处理"),
        new("allowMultipleMasks", "多个输入掩码不受支持，请只设一个输入掩码"),
        new("inputMasks", "多个输入掩码不受支持，请只设一个输入掩码"),
        new("fileMinSize", "文件大小下限不受支持（上限可用）"),
        new("datePicker.disable", "禁用特定日期不受支持，请用最早、最晚日期"),
        new("datePicker.disableWeekends", "禁用周末不受支持，请用最早、最晚日期"),
        new("datePicker.disableWeekdays", "禁用工作日不受支持，请用最早、最晚日期"),
        new("validate.minSelectedCount", "最少选择项数不受支持"),
        new("validate.maxSelectedCount", "最多选择项数不受支持"),
    ];

    // Values a setting may keep: the designer writes these defaults, and they change nothing.
    private static bool IsDefault(string path, JsonNode? value) => value switch
    {
        null => true,
        JsonValue v when v.GetValueKind() is JsonValueKind.Null or JsonValueKind.False => path != "persistent",
        JsonValue v when v.GetValueKind() is JsonValueKind.True => path == "persistent",
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0 || (path == "fileMinSize" && s.Trim().ToUpperInvariant() is "0KB" or "0"),
        JsonArray a => a.Count == 0,
        _ => false,
    };

    public static void Check(JsonObject c, string type, string label, string path, List<ValidationError> errors)
    {
        foreach (var setting in Settings)
        {
            var value = Find(c, setting.Path);
            if (!IsDefault(setting.Path, value))
            {
                errors.Add(ValidationError.At($"{path}.{setting.Path}", $"组件“{label}”的设置 {setting.Path} 服务器不支持：{setting.Reason}。"));
            }
        }
        // A radio's options must be fixed: the server checks the value against them (selects may use a round list).
        if (type == "radio" && FormSchemaReader.Text(c, "dataSrc") is { } source && source != "values")
        {
            errors.Add(ValidationError.At(path + ".dataSrc", $"单选“{label}”只支持固定选项（dataSrc 为 values），不支持“{source}”。"));
        }
    }

    private static JsonNode? Find(JsonObject c, string path)
    {
        JsonNode? node = c;
        foreach (var part in path.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }
        return node;
    }
}
