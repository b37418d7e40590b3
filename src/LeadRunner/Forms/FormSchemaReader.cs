using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.Accounts;
using LeadRunner.Versioning;

namespace LeadRunner.Forms;

/// <summary>
/// Reads a Form.io schema into a <see cref="FormDefinition"/>, refusing what the server cannot check:
/// unknown component types, custom JavaScript of any kind, remote option sources and invalid patterns.
/// </summary>
public static partial class FormSchemaReader
{
    public sealed record Result(FormDefinition? Definition, JsonObject? Json, IReadOnlyList<ValidationError> Errors);

    // Properties through which Form.io runs JavaScript written into the schema.
    private static readonly string[] ScriptProperties = ["calculateValue", "customConditional", "customDefaultValue", "onChange"];

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex KeyPattern();

    public static Result Read(string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"第 {line + 1} 行第 {(ex.BytePositionInLine ?? 0) + 1} 列" : "未知位置";
            return new Result(null, null, [ValidationError.At("$", $"表单定义不是有效的 JSON（{where}）。")]);
        }
        return Read(node);
    }

    public static Result Read(JsonNode? node)
    {
        var errors = new List<ValidationError>();
        if (node is not JsonObject root)
        {
            return new Result(null, null, [ValidationError.At("$", "表单定义应为 JSON 对象。")]);
        }
        var key = Text(root, "key");
        if (key is null || !KeyPattern().IsMatch(key))
        {
            errors.Add(ValidationError.At("$.key", "表单标识 key 必填，只能包含字母、数字、下划线和连字符，且以字母开头。"));
        }
        var title = Text(root, "title");
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(ValidationError.At("$.title", "表单名称 title 必填。"));
        }
        var access = Text(root, "access") switch
        {
            null or "login" => FormAccess.Login,
            "public" => FormAccess.Public,
            var other => Fail(errors, "$.access", $"access 只能是 \"login\"（须登录）或 \"public\"（公开），不能是“{other}”。"),
        };
        var roles = ReadRoles(root["roles"], access, errors);
        if (root["components"] is not JsonArray components)
        {
            errors.Add(ValidationError.At("$.components", "表单定义缺少组件列表 components。"));
            return new Result(null, root, errors);
        }
        var list = ReadList(components, "$.components", errors, new HashSet<string>(StringComparer.Ordinal));
        return errors.Count > 0
            ? new Result(null, root, errors)
            : new Result(new FormDefinition(key!, title!, access, list) { Roles = roles }, root, errors);
    }

    private static List<string> ReadRoles(JsonNode? node, FormAccess access, List<ValidationError> errors)
    {
        var roles = new List<string>();
        if (node is null)
        {
            return roles;
        }
        if (node is not JsonArray array)
        {
            errors.Add(ValidationError.At("$.roles", "roles 应为角色名称的数组，例如 [\"enterprise\"]。"));
            return roles;
        }
        if (access == FormAccess.Public && array.Count > 0)
        {
            errors.Add(ValidationError.At("$.roles", "公开表单（access 为 \"public\"）任何人都可填写，不能再限定角色。"));
        }
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue value && value.TryGetValue<string>(out var role) && Roles.Programme.Contains(role))
            {
                roles.Add(role);
            }
            else
            {
                errors.Add(ValidationError.At($"$.roles[{i}]", $"未知角色“{array[i]?.ToJsonString()}”，可用：{string.Join("、", Roles.Programme)}。"));
            }
        }
        return roles;
    }

    private static FormAccess Fail(List<ValidationError> errors, string path, string message)
    {
        errors.Add(ValidationError.At(path, message));
        return FormAccess.Login;
    }

    private static List<FormComponent> ReadList(JsonArray array, string path, List<ValidationError> errors, HashSet<string> keysAtLevel)
    {
        var list = new List<FormComponent>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (ReadComponent(array[i], $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", errors, keysAtLevel) is { } component)
            {
                list.Add(component);
            }
        }
        return list;
    }

    private static FormComponent? ReadComponent(JsonNode? node, string path, List<ValidationError> errors, HashSet<string> keysAtLevel)
    {
        if (node is not JsonObject c)
        {
            errors.Add(ValidationError.At(path, "组件应为 JSON 对象。"));
            return null;
        }
        var type = Text(c, "type");
        if (type is null || !SupportedComponents.IsSupported(type))
        {
            var supported = string.Join("、", SupportedComponents.All.Select(e => e.Type));
            errors.Add(ValidationError.At(path + ".type", $"不支持的组件类型“{type ?? "（空）"}”；服务器只能校验以下类型：{supported}。"));
            return null;
        }
        var kind = SupportedComponents.Kinds[type];
        var key = Text(c, "key");
        var label = Text(c, "label") ?? Text(c, "title") ?? key ?? type;
        CheckScripts(c, path, errors);
        UnsupportedSettings.Check(c, type, label, path, errors);
        if (kind is ComponentKind.Field or ComponentKind.Container or ComponentKind.Grid)
        {
            if (key is null || !KeyPattern().IsMatch(key))
            {
                errors.Add(ValidationError.At(path + ".key", $"组件“{label}”的字段标识 key 必填，只能包含字母、数字、下划线和连字符。"));
            }
            else if (!keysAtLevel.Add(key))
            {
                errors.Add(ValidationError.At(path + ".key", $"字段标识“{key}”在同一层级重复。"));
            }
        }
        var multiple = c["multiple"]?.GetValueKind() == JsonValueKind.True;
        if (multiple && !SupportedComponents.MultipleAllowed.Contains(type))
        {
            errors.Add(ValidationError.At(path + ".multiple", $"组件“{label}”（{type}）不支持多值（multiple）。"));
        }

        var children = kind switch
        {
            ComponentKind.Layout when type == "columns" => ReadColumns(c, path, errors, keysAtLevel),
            ComponentKind.Layout => c["components"] is JsonArray a ? ReadList(a, path + ".components", errors, keysAtLevel) : [],
            ComponentKind.Container or ComponentKind.Grid => c["components"] is JsonArray a
                ? ReadList(a, path + ".components", errors, new HashSet<string>(StringComparer.Ordinal)) : [],
            _ => [],
        };
        return ComponentRules.Build(c, type, kind, key, label, path, children, multiple, errors);
    }

    private static List<FormComponent> ReadColumns(JsonObject c, string path, List<ValidationError> errors, HashSet<string> keysAtLevel)
    {
        var list = new List<FormComponent>();
        if (c["columns"] is not JsonArray columns)
        {
            return list;
        }
        for (var i = 0; i < columns.Count; i++)
        {
            var columnPath = $"{path}.columns[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (columns[i] is JsonObject column && column["components"] is JsonArray a)
            {
                list.AddRange(ReadList(a, columnPath + ".components", errors, keysAtLevel));
            }
        }
        return list;
    }

    private static void CheckScripts(JsonObject c, string path, List<ValidationError> errors)
    {
        foreach (var property in ScriptProperties)
        {
            if (HasText(c[property]))
            {
                errors.Add(ValidationError.At($"{path}.{property}", $"不允许在表单中使用自定义 JavaScript（{property}）：服务器无法执行和校验它。"));
            }
        }
        if (c["validate"] is JsonObject v)
        {
            if (HasText(v["custom"]))
            {
                errors.Add(ValidationError.At(path + ".validate.custom", "不允许使用自定义 JavaScript 校验（validate.custom），请改用必填、长度、格式、范围等校验项。"));
            }
            if (v["json"] is JsonObject { Count: > 0 })
            {
                errors.Add(ValidationError.At(path + ".validate.json", "不支持 JSONLogic 校验（validate.json）。"));
            }
        }
        if (c["conditional"] is JsonObject cond && cond["json"] is JsonObject { Count: > 0 })
        {
            errors.Add(ValidationError.At(path + ".conditional.json", "不支持 JSONLogic 条件，请使用简单条件（当某字段等于某值时显示/隐藏）。"));
        }
        if (c["logic"] is JsonArray { Count: > 0 })
        {
            errors.Add(ValidationError.At(path + ".logic", "不允许使用高级逻辑（logic）：其中的 JavaScript 和动作服务器无法校验，请改用简单条件。"));
        }
    }

    private static bool HasText(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? !string.IsNullOrWhiteSpace(s) : node is JsonObject or JsonArray;

    internal static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
