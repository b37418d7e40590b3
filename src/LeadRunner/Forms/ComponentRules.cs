using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.Versioning;

namespace LeadRunner.Forms;

/// <summary>Reads one component's validation settings (Form.io's names) into a <see cref="FormComponent"/>.</summary>
internal static class ComponentRules
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The mask Form.io's phone component applies when the schema names none (it is not saved by the builder).</summary>
    public const string DefaultPhoneMask = "(999) 999-9999";

    public static FormComponent Build(JsonObject c, string type, ComponentKind kind, string? key, string label, string path,
        List<FormComponent> children, bool multiple, List<ValidationError> errors)
    {
        var v = c["validate"] as JsonObject ?? [];
        return new FormComponent
        {
            Type = type,
            Kind = kind,
            Key = key,
            Label = label,
            SchemaPath = path,
            Children = children,
            Multiple = multiple,
            Conditional = ReadCondition(c["conditional"], path + ".conditional", errors),
            Required = v["required"]?.GetValueKind() == JsonValueKind.True,
            MinLength = Int(v, "minLength", path, errors),
            MaxLength = Int(v, "maxLength", path, errors),
            Pattern = ReadPattern(v, path, errors),
            CustomMessage = FormSchemaReader.Text(v, "customMessage"),
            Min = Number(v, "min"),
            Max = Number(v, "max"),
            DecimalLimit = type is "number" or "currency" ? (Int(c, "decimalLimit", path, errors) ?? (type == "currency" ? 2 : null)) : null,
            MinDate = type == "datetime" ? Date(c, "minDate", path, errors) : null,
            MaxDate = type == "datetime" ? Date(c, "maxDate", path, errors) : null,
            MinWords = Int(v, "minWords", path + ".validate", errors),
            MaxWords = Int(v, "maxWords", path + ".validate", errors),
            InputMask = c.ContainsKey("inputMask") ? FormSchemaReader.Text(c, "inputMask") : type == "phoneNumber" ? DefaultPhoneMask : null,
            TruncateMultipleSpaces = c["truncateMultipleSpaces"]?.GetValueKind() == JsonValueKind.True,
            Hidden = c["hidden"]?.GetValueKind() == JsonValueKind.True,
            ClearOnHide = c["clearOnHide"]?.GetValueKind() != JsonValueKind.False,
            ValidateWhenHidden = c["validateWhenHidden"]?.GetValueKind() == JsonValueKind.True,
            RadioName = type == "checkbox" && FormSchemaReader.Text(c, "inputType") == "radio" ? FormSchemaReader.Text(c, "name") : null,
            RadioValue = type == "checkbox" && FormSchemaReader.Text(c, "inputType") == "radio" ? FieldRules.AsComparable(c["value"]) : null,
            Options = type is "select" or "radio" ? ReadOptions(c, type, label, path, errors) : null,
            RoundList = type == "select" ? RoundListSelects.ListOf(UrlOf(c)) : null,
            File = type == "file" ? ReadFile(c, v, path, errors) : null,
        };
    }

    private static int? Int(JsonObject o, string name, string path, List<ValidationError> errors)
    {
        var node = o[name];
        if (node is null || node.GetValueKind() is JsonValueKind.Null || (node is JsonValue s && s.TryGetValue<string>(out var text) && text.Length == 0))
        {
            return null;
        }
        if (node is JsonValue value && (value.TryGetValue<int>(out var n) || (value.TryGetValue<string>(out var t) && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out n))) && n >= 0)
        {
            return n;
        }
        errors.Add(ValidationError.At($"{path}.{name}", $"{name} 应为非负整数。"));
        return null;
    }

    private static decimal? Number(JsonObject o, string name) => o[name] switch
    {
        JsonValue v when v.TryGetValue<decimal>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static Regex? ReadPattern(JsonObject v, string path, List<ValidationError> errors)
    {
        if (FormSchemaReader.Text(v, "pattern") is not { } pattern)
        {
            return null;
        }
        try
        {
            // Form.io tests new RegExp(`^${pattern}$`): anchored without a group, with JavaScript's semantics.
            return JsRegex.FormioPattern(pattern, PatternTimeout);
        }
        catch (ArgumentException)
        {
            errors.Add(ValidationError.At(path + ".validate.pattern", $"格式校验的正则表达式“{pattern}”无效。"));
            return null;
        }
    }

    // Form.io's server reads the limit from widget, the designer writes it to datePicker (and the renderer copies it).
    // A date-only limit covers its whole day in Beijing time unless the field takes a time too.
    private static DateLimit? Date(JsonObject c, string name, string path, List<ValidationError> errors)
    {
        var text = (c["datePicker"] as JsonObject) is { } picker ? FormSchemaReader.Text(picker, name) : null;
        text ??= (c["widget"] as JsonObject) is { } widget ? FormSchemaReader.Text(widget, name) : null;
        if (text is null)
        {
            return null;
        }
        if (!FieldRules.TryParseInstant(text, out var instant))
        {
            errors.Add(ValidationError.At($"{path}.datePicker.{name}", $"日期范围“{text}”应写为 yyyy-MM-dd 格式的日期（或带时间的 ISO 格式），不支持 moment() 等表达式。"));
            return null;
        }
        var enableTime = ((c["widget"] as JsonObject)?["enableTime"] ?? c["enableTime"])?.GetValueKind() != JsonValueKind.False;
        if (!enableTime)
        {
            var day = instant.ToOffset(FieldRules.Beijing).Date;
            instant = new DateTimeOffset(name == "minDate" ? day : day.AddDays(1).AddTicks(-TimeSpan.TicksPerMillisecond), FieldRules.Beijing);
        }
        return new DateLimit(instant, text);
    }

    private static string? UrlOf(JsonObject c) =>
        FormSchemaReader.Text(c, "dataSrc") == "url" && c["data"] is JsonObject data ? FormSchemaReader.Text(data, "url") : null;

    /// <summary>The fixed options of a select or radio; null for a select bound to a round list, whose options are the round's.</summary>
    private static HashSet<string>? ReadOptions(JsonObject c, string type, string label, string path, List<ValidationError> errors)
    {
        JsonArray? values;
        if (type == "select")
        {
            var source = FormSchemaReader.Text(c, "dataSrc") ?? "values";
            if (source == "url")
            {
                if (RoundListSelects.ListOf(UrlOf(c)) is null)
                {
                    errors.Add(ValidationError.At(path + ".data.url", $"下拉选择“{label}”的网址数据源只能是本系统的年度名单：{RoundListSelects.Example}。"));
                }
                else if (FormSchemaReader.Text(c, "valueProperty") != "value")
                {
                    errors.Add(ValidationError.At(path + ".valueProperty", $"下拉选择“{label}”取自年度名单，“值属性”（valueProperty）应为 value。"));
                }
                return null;
            }
            if (source != "values")
            {
                errors.Add(ValidationError.At(path + ".dataSrc", $"下拉选择“{label}”只支持固定选项（dataSrc 为 values）或年度名单（dataSrc 为 url），不支持“{source}”。"));
            }
            values = (c["data"] as JsonObject)?["values"] as JsonArray;
        }
        else
        {
            values = c["values"] as JsonArray;
        }
        var options = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in values ?? [])
        {
            if (option is JsonObject o && FieldRules.AsComparable(o["value"]) is { Length: > 0 } value)
            {
                options.Add(value);
            }
        }
        if (options.Count == 0)
        {
            errors.Add(ValidationError.At(path, $"选择项“{label}”没有可选值。"));
        }
        return options;
    }

    private static FileRule ReadFile(JsonObject c, JsonObject v, string path, List<ValidationError> errors)
    {
        var storage = FormSchemaReader.Text(c, "storage");
        if (storage != "url")
        {
            errors.Add(ValidationError.At(path + ".storage", "文件上传组件的存储方式必须为 url（上传到本系统 /api/uploads）。"));
        }
        var sizeText = FormSchemaReader.Text(c, "fileMaxSize");
        long? maxSize = null;
        if (sizeText is not null)
        {
            maxSize = FieldRules.ParseSize(sizeText);
            if (maxSize is null)
            {
                errors.Add(ValidationError.At(path + ".fileMaxSize", $"文件大小上限“{sizeText}”无法识别，请写成如 20MB、500KB。"));
            }
        }
        var patterns = (FormSchemaReader.Text(c, "filePattern") ?? "*")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p != "*").Select(p => p.ToLowerInvariant()).ToList();
        return new FileRule(maxSize, sizeText, patterns, Int(v, "minFiles", path + ".validate", errors), Int(v, "maxFiles", path + ".validate", errors));
    }

    private static Condition? ReadCondition(JsonNode? node, string path, List<ValidationError> errors)
    {
        if (node is not JsonObject cond)
        {
            return null;
        }
        if (FormSchemaReader.Text(cond, "when") is { } when)
        {
            // Legacy: shown when String(value) == String(eq) exactly when String(show) is "true".
            var legacyShow = FieldRules.AsComparable(cond["show"]) == "true";
            return new Condition(legacyShow, true, [new Condition.Clause(when.Split('.'), "isEqual", cond["eq"]?.DeepClone(), Legacy: true)]);
        }
        // The builder's form counts only with a conjunction, as in Form.io; show is true unless it says false.
        if (cond["conditions"] is JsonArray { Count: > 0 } conditions && FormSchemaReader.Text(cond, "conjunction") is { } conjunction)
        {
            var show = cond["show"] is not JsonValue sv || sv.GetValueKind() == JsonValueKind.True
                || (sv.TryGetValue<string>(out var st) && st == "true");
            var clauses = new List<Condition.Clause>();
            for (var i = 0; i < conditions.Count; i++)
            {
                var at = $"{path}.conditions[{i.ToString(CultureInfo.InvariantCulture)}]";
                if (conditions[i] is not JsonObject clause || FormSchemaReader.Text(clause, "component") is not { } component)
                {
                    errors.Add(ValidationError.At(at, "条件缺少所依据的字段（component）。"));
                    continue;
                }
                var op = FormSchemaReader.Text(clause, "operator") ?? "isEqual";
                if (op is not ("isEqual" or "isNotEqual" or "isEmpty" or "isNotEmpty"))
                {
                    errors.Add(ValidationError.At(at + ".operator", $"条件运算“{op}”不受支持，只能用等于、不等于、为空、不为空。"));
                    continue;
                }
                clauses.Add(new Condition.Clause(component.Split('.'), op, clause["value"]?.DeepClone()));
            }
            return new Condition(show, conjunction != "any", clauses);
        }
        return null;
    }
}
