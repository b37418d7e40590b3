using System.Text.Json.Nodes;
using LeadRunner.Forms;

namespace LeadRunner.Tests.Forms;

/// <summary>Each server-side rule, passing and failing, against one schema that uses them all.</summary>
public class SubmissionValidatorTests
{
    internal const string Schema = """
    {
      "key": "rules", "title": "规则", "components": [
        { "type": "panel", "key": "p", "title": "面板", "components": [
          { "type": "textfield", "key": "name", "label": "名称", "validate": { "required": true, "minLength": 2, "maxLength": 5 } },
          { "type": "textfield", "key": "code", "label": "编号", "validate": { "pattern": "[A-Z]{2}\\d{2}", "customMessage": "编号应为两个大写字母加两位数字" } },
          { "type": "columns", "key": "cols", "columns": [
            { "components": [ { "type": "email", "key": "email", "label": "邮箱" } ] },
            { "components": [ { "type": "phoneNumber", "key": "phone", "label": "电话", "inputMask": "" } ] } ] }
        ] },
        { "type": "fieldset", "key": "fs", "components": [
          { "type": "uscc", "key": "uscc", "label": "统一社会信用代码" },
          { "type": "number", "key": "amount", "label": "金额", "decimalLimit": 2, "validate": { "min": 0, "max": 1000 } },
          { "type": "number", "key": "count", "label": "数量", "decimalLimit": 0 },
          { "type": "currency", "key": "price", "label": "单价" }
        ] },
        { "type": "datetime", "key": "day", "label": "日期", "datePicker": { "minDate": "2024-01-01", "maxDate": "2024-12-31" } },
        { "type": "select", "key": "relation", "label": "关系", "dataSrc": "values", "data": { "values": [ { "label": "上游", "value": "上游" }, { "label": "下游", "value": "下游" } ] } },
        { "type": "radio", "key": "level", "label": "级别", "values": [ { "label": "一", "value": "1" }, { "label": "二", "value": "2" } ] },
        { "type": "textfield", "key": "titles", "label": "称号", "multiple": true, "validate": { "maxLength": 4 } },
        { "type": "checkbox", "key": "agree", "label": "同意", "validate": { "required": true } },
        { "type": "checkbox", "key": "hasMerger", "label": "有并购" },
        { "type": "container", "key": "merger", "label": "并购", "conditional": { "show": true, "when": "hasMerger", "eq": "true" }, "components": [
          { "type": "textfield", "key": "parties", "label": "各方", "validate": { "required": true } } ] },
        { "type": "textfield", "key": "otherReason", "label": "其他原因", "validate": { "required": true },
          "conditional": { "show": true, "conjunction": "all", "conditions": [ { "component": "relation", "operator": "isEqual", "value": "下游" } ] } },
        { "type": "datagrid", "key": "partners", "label": "合作企业", "validate": { "minLength": 1, "maxLength": 2 }, "components": [
          { "type": "textfield", "key": "name", "label": "企业名称", "validate": { "required": true } },
          { "type": "checkbox", "key": "inCluster", "label": "本集群" },
          { "type": "textfield", "key": "note", "label": "备注", "conditional": { "show": true, "when": "inCluster", "eq": "true" }, "validate": { "required": true } } ] },
        { "type": "file", "key": "proof", "label": "证明", "storage": "url", "multiple": true, "filePattern": ".pdf,.jpg", "fileMaxSize": "1MB", "validate": { "maxFiles": 2 } },
        { "type": "htmlelement", "key": "info", "content": "<p>说明</p>" },
        { "type": "button", "key": "submit", "label": "提交", "action": "submit" }
      ]
    }
    """;

    private static readonly string[] WrongShapeKeys = ["merger", "name", "partners", "titles"];

    internal static readonly FormDefinition Form = FormSchemaReader.Read(Schema).Definition!;

    internal static JsonObject Valid() => JsonNode.Parse("""
    {
      "name": "恒嘉", "code": "AB12", "email": "a@b.cn", "phone": "13912345678", "uscc": "91130534MA0CQH1106",
      "amount": 12.5, "count": 3, "price": 9.99, "day": "2024-09-01T00:00:00+08:00", "relation": "上游", "level": "1",
      "titles": ["小巨人"], "agree": true, "hasMerger": false, "partners": [ { "name": "甲公司", "inCluster": false } ]
    }
    """)!.AsObject();

    private static SubmissionValidator.Outcome Run(Action<JsonObject> change)
    {
        var data = Valid();
        change(data);
        return SubmissionValidator.Validate(Form, data);
    }

    [Fact]
    public void Validate_WhenEveryRuleIsMet_ReturnsNoErrors()
    {
        var outcome = SubmissionValidator.Validate(Form, Valid());
        Assert.Empty(outcome.Errors);
    }

    public static TheoryData<string, string, string, string> Failures() => new()
    {
        { "required", """{ "name": null }""", "name", "“名称”为必填项" },
        { "minLength", """{ "name": "甲" }""", "name", "至少 2 个字" },
        { "maxLength", """{ "name": "一二三四五六" }""", "name", "最多 5 个字" },
        { "pattern", """{ "code": "ab12" }""", "code", "编号应为两个大写字母加两位数字" },
        { "email", """{ "email": "a@b" }""", "email", "不是有效的电子邮箱地址" },
        { "phone", """{ "phone": "12345" }""", "phone", "0311-87903827" },
        { "uscc", """{ "uscc": "91130534MA0CQH1107" }""", "uscc", "第 18 位校验码" },
        { "number type", """{ "amount": "12" }""", "amount", "应为数字" },
        { "decimalLimit", """{ "amount": 1.234 }""", "amount", "最多保留 2 位小数" },
        { "integer", """{ "count": 1.5 }""", "count", "应为整数" },
        { "currency default precision", """{ "price": 0.001 }""", "price", "最多保留 2 位小数" },
        { "min", """{ "amount": -1 }""", "amount", "不能小于 0" },
        { "max", """{ "amount": 1000.01 }""", "amount", "不能大于 1000" },
        { "minDate", """{ "day": "2023-12-31" }""", "day", "不能早于 2024-01-01" },
        { "maxDate", """{ "day": "2025-01-01T00:00:00+08:00" }""", "day", "不能晚于 2024-12-31" },
        { "bad date", """{ "day": "明天" }""", "day", "不是有效的日期" },
        { "select option", """{ "relation": "旁边" }""", "relation", "不在可选项中" },
        { "radio option", """{ "level": "3" }""", "level", "不在可选项中" },
        { "checkbox required true", """{ "agree": false }""", "agree", "请勾选“同意”" },
        { "grid minLength", """{ "partners": [] }""", "partners", "至少需要 1 行" },
        { "grid maxLength", """{ "partners": [ { "name": "甲" }, { "name": "乙" }, { "name": "丙" } ] }""", "partners", "最多 2 行" },
        { "grid row rule", """{ "partners": [ { "name": "甲" }, { "name": "" } ] }""", "partners[1].name", "第 2 行" },
        { "conditional in row shown and required", """{ "partners": [ { "name": "甲", "inCluster": true } ] }""", "partners[0].note", "“备注”为必填项" },
        { "container shown and required", """{ "hasMerger": true, "merger": {} }""", "merger.parties", "“各方”为必填项" },
        { "builder-style condition shown", """{ "relation": "下游" }""", "otherReason", "“其他原因”为必填项" },
        { "file not ours", """{ "proof": [ { "storage": "url", "url": "https://example.com/a.pdf" } ] }""", "proof[0]", "不是通过本系统上传的文件" },
        { "file count", """{ "proof": [ { "url": "/api/uploads/3f2b6c1e-0000-4000-8000-000000000001" }, { "url": "/api/uploads/3f2b6c1e-0000-4000-8000-000000000002" }, { "url": "/api/uploads/3f2b6c1e-0000-4000-8000-000000000003" } ] }""", "proof", "最多上传 2 个文件" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Validate_WhenARuleIsBroken_ReturnsChineseErrorAtTheDataPath(string rule, string change, string key, string message)
    {
        var patch = JsonNode.Parse(change)!.AsObject();
        var outcome = Run(data =>
        {
            foreach (var (k, v) in patch)
            {
                data[k] = v?.DeepClone();
            }
        });
        var error = Assert.Single(outcome.Errors);
        Assert.True(error.Key == key && error.Message.Contains(message, StringComparison.Ordinal), $"{rule}: {error.Key} {error.Message}");
    }

    public static TheoryData<string, string> Passes() => new()
    {
        // Form.io's server holds a multiple field's list to required only, not its items to the text rules.
        { "multiple item over the declared length", """{ "titles": ["小巨人", "国家级单项冠军"] }""" },
        { "landline with area code", """{ "phone": "0311-87903827" }""" },
        { "landline without dash", """{ "phone": "031187903827" }""" },
        { "plain date", """{ "day": "2024-12-31" }""" },
        { "trailing zero within precision", """{ "amount": 12.50 }""" },
        { "integer given as 3.0", """{ "count": 3.0 }""" },
        { "optional empty", """{ "email": "" }""" },
        { "condition not met hides required field", """{ "relation": "上游" }""" },
        { "grid at its maximum", """{ "partners": [ { "name": "甲" }, { "name": "乙" } ] }""" },
    };

    [Theory]
    [MemberData(nameof(Passes))]
    public void Validate_WhenValueMeetsTheRule_Passes(string rule, string change)
    {
        var patch = JsonNode.Parse(change)!.AsObject();
        var outcome = Run(data =>
        {
            foreach (var (k, v) in patch)
            {
                data[k] = v?.DeepClone();
            }
        });
        Assert.True(outcome.Errors.Count == 0, $"{rule}: {string.Join("; ", outcome.Errors)}");
    }

    [Fact]
    public void Validate_HiddenFieldsAndUnknownKeys_AreNotStored()
    {
        var outcome = Run(data =>
        {
            data["merger"] = new JsonObject { ["parties"] = "甲乙" };
            data["otherReason"] = "不显示";
            data["isAdmin"] = true;
            data["submit"] = true;
            data["partners"] = new JsonArray(new JsonObject { ["name"] = "甲", ["inCluster"] = false, ["note"] = "隐藏", ["x"] = 1 });
        });
        Assert.Empty(outcome.Errors);
        Assert.False(outcome.Data.ContainsKey("merger"));
        Assert.False(outcome.Data.ContainsKey("otherReason"));
        Assert.False(outcome.Data.ContainsKey("isAdmin"));
        Assert.False(outcome.Data.ContainsKey("submit"));
        Assert.Equal("""{"name":"甲","inCluster":false}""", outcome.Data["partners"]![0]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Validate_ShownContainer_IsKeptWithItsFields()
    {
        var outcome = Run(data =>
        {
            data["hasMerger"] = true;
            data["merger"] = new JsonObject { ["parties"] = "甲乙", ["extra"] = 1 };
        });
        Assert.Empty(outcome.Errors);
        Assert.Equal("甲乙", outcome.Data["merger"]!["parties"]!.GetValue<string>());
        Assert.False(outcome.Data["merger"]!.AsObject().ContainsKey("extra"));
    }

    [Fact]
    public void Validate_WrongShapes_AreErrorsNotExceptions()
    {
        var outcome = Run(data =>
        {
            data["partners"] = "甲";
            data["merger"] = "乙";
            data["hasMerger"] = true;
            data["titles"] = "单个";
            data["name"] = 5;
        });
        Assert.Equal(WrongShapeKeys, outcome.Errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }
}

/// <summary>Selects bound to a round list take the round's entries, and only those still offered.</summary>
public class RoundListSelectValidationTests
{
    private static readonly FormDefinition Form = FormSchemaReader.Read("""
    {
      "key": "lists", "title": "名单", "components": [
        { "type": "select", "key": "industry", "label": "所属行业", "dataSrc": "url", "valueProperty": "value",
          "data": { "url": "/api/rounds/current/lists/industries?format=options" } },
        { "type": "datagrid", "key": "partners", "label": "合作企业", "components": [
          { "type": "select", "key": "relation", "label": "上下游关系", "dataSrc": "url", "valueProperty": "value",
            "data": { "url": "/api/rounds/current/lists/partnerRelations?format=options" } } ] }
      ]
    }
    """).Definition!;

    private static readonly LeadRunner.Rounds.RoundListSet Round2025 = new(2025,
        [new("纺织", true, false), new("石材", true, false), new("其他", false, true)], [],
        [new("上游", false), new("下游", false)], "元");

    private static List<FieldError> Errors(string industry, string relation) => SubmissionValidator.Validate(Form, new JsonObject
    {
        ["industry"] = industry, ["partners"] = new JsonArray(new JsonObject { ["relation"] = relation }),
    }, Round2025).Errors;

    [Fact]
    public void Validate_ValueInTheRoundsList_Passes() => Assert.Empty(Errors("石材", "下游"));

    [Fact]
    public void Validate_ValueNotInTheRoundsList_OrRetired_IsRefusedInChinese()
    {
        var unknown = Assert.Single(Errors("软件", "上游"));
        Assert.Equal(("industry", "“所属行业”的取值“软件”不在 2025 年度的行业名单中（或已停用），请从列表中选择。"), (unknown.Key, unknown.Message));
        Assert.Equal("industry", Assert.Single(Errors("其他", "上游")).Key);
        Assert.Equal("partners[0].relation", Assert.Single(Errors("纺织", "旁边")).Key);
    }

    [Fact]
    public void Validate_WithoutAnyRound_RefusesRatherThanAcceptingAnything() =>
        Assert.Contains("尚未设置任何年度批次", Assert.Single(SubmissionValidator.Validate(Form, new JsonObject { ["industry"] = "纺织" }).Errors).Message, StringComparison.Ordinal);
}
