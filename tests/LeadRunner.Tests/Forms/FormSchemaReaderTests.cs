using System.Text.Json.Nodes;
using LeadRunner.Forms;

namespace LeadRunner.Tests.Forms;

/// <summary>Schemas the server cannot check are refused with the JSON path of the problem.</summary>
public class FormSchemaReaderTests
{
    private static string With(string component) => $$"""{ "key": "t", "title": "测试", "components": [ { "type": "panel", "key": "p", "components": [ {{component}} ] } ] }""";

    public static TheoryData<string, string, string> Refused() => new()
    {
        { """{ "type": "textfield", "key": "a", "label": "甲", "validate": { "custom": "valid = input.length > 2;" } }""", "$.components[0].components[0].validate.custom", "JavaScript" },
        { """{ "type": "number", "key": "a", "label": "甲", "calculateValue": "value = data.b * 2;" }""", "$.components[0].components[0].calculateValue", "JavaScript" },
        { """{ "type": "textfield", "key": "a", "label": "甲", "customConditional": "show = data.b;" }""", "$.components[0].components[0].customConditional", "JavaScript" },
        { """{ "type": "textfield", "key": "a", "label": "甲", "customDefaultValue": "value = 1;" }""", "$.components[0].components[0].customDefaultValue", "JavaScript" },
        { """{ "type": "textfield", "key": "a", "label": "甲", "logic": [ { "name": "l", "trigger": { "type": "javascript", "javascript": "result = true;" }, "actions": [] } ] }""", "$.components[0].components[0].logic", "高级逻辑" },
        { """{ "type": "textfield", "key": "a", "label": "甲", "conditional": { "json": { "===": [ { "var": "data.b" }, 1 ] } } }""", "$.components[0].components[0].conditional.json", "JSONLogic" },
        { """{ "type": "signature", "key": "a", "label": "签名" }""", "$.components[0].components[0].type", "不支持的组件类型“signature”" },
        { """{ "type": "textfield", "key": "a b", "label": "甲" }""", "$.components[0].components[0].key", "字段标识" },
        { """{ "type": "textfield", "key": "a", "label": "甲", "validate": { "pattern": "([a-z" } }""", "$.components[0].components[0].validate.pattern", "正则表达式" },
        { """{ "type": "select", "key": "a", "label": "甲", "dataSrc": "url", "data": { "url": "https://example.com" } }""", "$.components[0].components[0].data.url", "年度名单" },
        { """{ "type": "select", "key": "a", "label": "甲", "dataSrc": "url", "data": { "url": "/api/rounds/2024/lists/industries?format=options" }, "valueProperty": "value" }""", "$.components[0].components[0].data.url", "/api/rounds/current/lists/" },
        { """{ "type": "select", "key": "a", "label": "甲", "dataSrc": "url", "data": { "url": "/api/rounds/current/lists/industries?format=options" } }""", "$.components[0].components[0].valueProperty", "value" },
        { """{ "type": "select", "key": "a", "label": "甲", "dataSrc": "resource", "data": { "resource": "x" } }""", "$.components[0].components[0].dataSrc", "固定选项" },
        { """{ "type": "file", "key": "a", "label": "甲", "storage": "base64" }""", "$.components[0].components[0].storage", "url" },
        { """{ "type": "number", "key": "a", "label": "甲", "multiple": true }""", "$.components[0].components[0].multiple", "多值" },
        { """{ "type": "datetime", "key": "a", "label": "甲", "datePicker": { "minDate": "下周" } }""", "$.components[0].components[0].datePicker.minDate", "yyyy-MM-dd" },
        { """{ "type": "datagrid", "key": "g", "label": "表", "components": [ { "type": "textfield", "key": "x", "label": "乙", "validate": { "custom": "valid = false" } } ] }""", "$.components[0].components[0].components[0].validate.custom", "JavaScript" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Read_WhenSchemaUsesWhatTheServerCannotCheck_RefusesWithPath(string component, string path, string message)
    {
        var result = FormSchemaReader.Read(With(component));
        Assert.Null(result.Definition);
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SelectBoundToARoundList_IsCheckedAgainstThatList()
    {
        var result = FormSchemaReader.Read(With("""{ "type": "select", "key": "industry", "label": "行业", "dataSrc": "url", "data": { "url": "/api/rounds/current/lists/industries?format=options" }, "valueProperty": "value" }"""));
        Assert.Empty(result.Errors);
        var select = result.Definition!.Components[0].Children[0];
        Assert.Equal(("industries", null), (select.RoundList, select.Options));
        Assert.True(result.Definition.UsesRoundLists);
    }

    [Fact]
    public void Read_EmptyScriptProperties_AsTheBuilderWritesThem_AreAccepted()
    {
        var result = FormSchemaReader.Read(With("""{ "type": "textfield", "key": "a", "label": "甲", "calculateValue": "", "customConditional": "", "validate": { "custom": "" }, "logic": [] }"""));
        Assert.NotNull(result.Definition);
    }

    [Fact]
    public void Read_DuplicateKeyAtOneDataLevel_IsRefused_ButTheSameKeyInsideAGridIsNot()
    {
        var duplicate = FormSchemaReader.Read("""{ "key": "t", "title": "测试", "components": [ { "type": "textfield", "key": "a", "label": "甲" }, { "type": "columns", "key": "c", "columns": [ { "components": [ { "type": "textfield", "key": "a", "label": "乙" } ] } ] } ] }""");
        Assert.Contains(duplicate.Errors, e => e.Path == "$.components[1].columns[0].components[0].key" && e.Message.Contains("重复", StringComparison.Ordinal));
        var nested = FormSchemaReader.Read("""{ "key": "t", "title": "测试", "components": [ { "type": "textfield", "key": "a", "label": "甲" }, { "type": "datagrid", "key": "g", "label": "表", "components": [ { "type": "textfield", "key": "a", "label": "乙" } ] } ] }""");
        Assert.NotNull(nested.Definition);
    }

    [Fact]
    public void Read_Roles_LimitWhoMaySubmitTheFormAlone()
    {
        var form = FormSchemaReader.Read("""{ "key": "t", "title": "测试", "roles": ["county", "city"], "components": [] }""").Definition!;
        Assert.Equal(["county", "city"], form.Roles);
        Assert.True(form.MayBeSubmittedAloneBy(Principal("county")));
        Assert.True(form.MayBeSubmittedAloneBy(Principal("sysadmin")));
        Assert.False(form.MayBeSubmittedAloneBy(Principal("enterprise")));
        Assert.Contains("县级工信部门、市级工信部门", form.RolesRefusal(), StringComparison.Ordinal);
        Assert.True(FormSchemaReader.Read("""{ "key": "t", "title": "测试", "components": [] }""").Definition!.MayBeSubmittedAloneBy(Principal("enterprise")));
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(string role) =>
        new(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, role)], "test"));

    [Theory]
    [InlineData("{ \"key\": ", "$", "不是有效的 JSON")]
    [InlineData("[]", "$", "JSON 对象")]
    [InlineData("""{ "title": "甲", "components": [] }""", "$.key", "key")]
    [InlineData("""{ "key": "a", "components": [] }""", "$.title", "title")]
    [InlineData("""{ "key": "a", "title": "甲" }""", "$.components", "components")]
    [InlineData("""{ "key": "a", "title": "甲", "access": "everyone", "components": [] }""", "$.access", "access")]
    [InlineData("""{ "key": "a", "title": "甲", "roles": "county", "components": [] }""", "$.roles", "数组")]
    [InlineData("""{ "key": "a", "title": "甲", "roles": ["county", "mayor"], "components": [] }""", "$.roles[1]", "未知角色")]
    [InlineData("""{ "key": "a", "title": "甲", "access": "public", "roles": ["county"], "components": [] }""", "$.roles", "不能再限定角色")]
    public void Read_WhenTheDocumentIsMalformed_SaysWhere(string text, string path, string message)
    {
        var result = FormSchemaReader.Read(text);
        Assert.Null(result.Definition);
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    public static TheoryData<string> SupportedTypes() => [.. SupportedComponents.All.Select(e => e.Type)];

    /// <summary>The list the designer's palette is built from: every type in it has a server rule and parses.</summary>
    [Theory]
    [MemberData(nameof(SupportedTypes))]
    public void SupportedType_HasAServerRule_AndAMinimalComponentOfItParses(string type)
    {
        Assert.True(SupportedComponents.Kinds.ContainsKey(type), $"no server rule for {type}");
        var component = new JsonObject { ["type"] = type, ["key"] = "f", ["label"] = "字段" };
        if (type is "select")
        {
            component["data"] = JsonNode.Parse("""{ "values": [ { "label": "甲", "value": "a" } ] }""");
        }
        if (type is "radio")
        {
            component["values"] = JsonNode.Parse("""[ { "label": "甲", "value": "a" } ]""");
        }
        if (type is "file")
        {
            component["storage"] = "url";
        }
        var result = FormSchemaReader.Read(new JsonObject { ["key"] = "t", ["title"] = "测试", ["components"] = new JsonArray(component) });
        Assert.True(result.Definition is not null, string.Join("; ", result.Errors));
    }

    [Fact]
    public void ServerRules_CoverExactlyTheSupportedList()
    {
        Assert.Equal(SupportedComponents.All.Select(e => e.Type).Order(StringComparer.Ordinal), SupportedComponents.Kinds.Keys.Order(StringComparer.Ordinal));
    }
}
