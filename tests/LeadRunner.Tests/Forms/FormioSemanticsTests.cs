using System.Text.Json.Nodes;
using LeadRunner.Forms;

namespace LeadRunner.Tests.Forms;

/// <summary>
/// Each place where the server's validator used to disagree with Form.io's (issue 15), one schema per case: what the
/// browser produces is accepted, what Form.io refuses is refused, and nothing the user filled is dropped.
/// </summary>
public class FormioSemanticsTests
{
    private static SubmissionValidator.Outcome Run(string components, string data)
    {
        var read = FormSchemaReader.Read($$"""{ "key": "t", "title": "测试", "components": [ {{components}} ] }""");
        Assert.True(read.Definition is not null, string.Join("；", read.Errors.Select(e => $"{e.Path}：{e.Message}")));
        return SubmissionValidator.Validate(read.Definition!, JsonNode.Parse(data)!.AsObject());
    }

    private static void Accepts(string components, string data) =>
        Assert.Empty(Run(components, data).Errors.Select(e => $"{e.Key}：{e.Message}"));

    private static FieldError Refuses(string components, string data, string key)
    {
        var errors = Run(components, data).Errors;
        return Assert.Single(errors, e => e.Key == key);
    }

    [Theory]
    [InlineData("(010) 123-4567")]
    [InlineData("(031) 187-9038")]
    public void PhoneWithoutMaskSetting_AcceptsTheValueFormioDefaultMaskProduces(string value) =>
        Accepts("""{ "type": "phoneNumber", "key": "p", "label": "电话" }""", $$"""{ "p": "{{value}}" }""");

    [Fact]
    public void PhoneWithoutMaskSetting_RefusesAValueOutsideTheDefaultMask() =>
        Assert.Contains("(999) 999-9999", Refuses("""{ "type": "phoneNumber", "key": "p", "label": "电话" }""", """{ "p": "13912345678" }""", "p").Message);

    [Fact]
    public void PhoneWithExplicitMask_AcceptsAMaskedMobileNumber() =>
        Accepts("""{ "type": "phoneNumber", "key": "p", "label": "电话", "inputMask": "999-9999-9999" }""", """{ "p": "139-1234-5678" }""");

    [Fact]
    public void PhoneWithExplicitMask_StillChecksMainlandNumbers() =>
        Assert.Contains("手机号", Refuses("""{ "type": "phoneNumber", "key": "p", "label": "电话", "inputMask": "999-9999-9999" }""", """{ "p": "239-1234-5678" }""", "p").Message);

    [Fact]
    public void TextFieldMask_RefusesAValueNotFollowingIt() =>
        Refuses("""{ "type": "textfield", "key": "t", "label": "编号", "inputMask": "AA-9999" }""", """{ "t": "AB-12x4" }""", "t");

    [Fact]
    public void HiddenRequiredField_IsNotRequiredAndKeepsItsValue()
    {
        const string field = """{ "type": "textfield", "key": "h", "label": "隐藏", "hidden": true, "validate": { "required": true, "maxLength": 2 } }""";
        Assert.Empty(Run(field, "{}").Errors);
        var outcome = Run(field, """{ "h": "默认值很长" }""");
        Assert.Empty(outcome.Errors);
        Assert.Equal("默认值很长", (string?)outcome.Data["h"]);
    }

    [Fact]
    public void HiddenField_WithValidateWhenHidden_IsChecked() =>
        Refuses("""{ "type": "textfield", "key": "h", "label": "隐藏", "hidden": true, "validateWhenHidden": true, "validate": { "required": true } }""", "{}", "h");

    [Fact]
    public void ConditionallyHiddenField_WithClearOnHideOff_KeepsItsValue()
    {
        var outcome = Run("""
            { "type": "checkbox", "key": "c", "label": "开关" },
            { "type": "textfield", "key": "t", "label": "说明", "clearOnHide": false, "validate": { "required": true },
              "conditional": { "show": true, "when": "c", "eq": "true" } }
            """, """{ "c": false, "t": "保留" }""");
        Assert.Empty(outcome.Errors);
        Assert.Equal("保留", (string?)outcome.Data["t"]);
    }

    private const string MultiSelect = """
        { "type": "select", "key": "kinds", "label": "类型", "multiple": true, "dataSrc": "values",
          "data": { "values": [ { "label": "甲", "value": "a" }, { "label": "乙", "value": "b" } ] } },
        """;

    [Theory]
    [InlineData("""{ "show": true, "when": "kinds", "eq": "b" }""")]
    [InlineData("""{ "show": true, "conjunction": "all", "conditions": [ { "component": "kinds", "operator": "isEqual", "value": "b" } ] }""")]
    public void ConditionOnAMultiSelect_ShowsTheFieldWhenTheListContainsTheValue(string condition)
    {
        var field = MultiSelect + $$"""{ "type": "textfield", "key": "why", "label": "原因", "validate": { "required": true }, "conditional": {{condition}} }""";
        var outcome = Run(field, """{ "kinds": ["a", "b"], "why": "填了" }""");
        Assert.Empty(outcome.Errors);
        Assert.Equal("填了", (string?)outcome.Data["why"]);
        Refuses(field, """{ "kinds": ["a", "b"] }""", "why");
        Assert.False(Run(field, """{ "kinds": ["a"], "why": "x" }""").Data.ContainsKey("why"));
    }

    [Fact]
    public void IsEmptyCondition_TreatsAnUncheckedCheckboxAsEmpty() =>
        Refuses("""
            { "type": "checkbox", "key": "c", "label": "开关" },
            { "type": "textfield", "key": "t", "label": "说明", "validate": { "required": true },
              "conditional": { "show": true, "conjunction": "all", "conditions": [ { "component": "c", "operator": "isEmpty" } ] } }
            """, """{ "c": false }""", "t");

    [Fact]
    public void CheckboxAsRadio_StoresTheChoiceUnderItsName()
    {
        var outcome = Run("""
            { "type": "checkbox", "key": "optA", "label": "甲", "inputType": "radio", "name": "choice", "value": "a" },
            { "type": "checkbox", "key": "optB", "label": "乙", "inputType": "radio", "name": "choice", "value": "b" }
            """, """{ "optA": false, "optB": true, "choice": "b" }""");
        Assert.Empty(outcome.Errors);
        Assert.Equal("b", (string?)outcome.Data["choice"]);
    }

    [Theory]
    [InlineData("textfield")]
    [InlineData("textarea")]
    [InlineData("email")]
    public void WhitespaceOnly_DoesNotSatisfyRequired(string type) =>
        Assert.Contains(Run($$"""{ "type": "{{type}}", "key": "t", "label": "名称", "validate": { "required": true } }""", """{ "t": "   " }""").Errors,
            e => e.Key == "t" && e.Message == "“名称”为必填项。");

    [Theory]
    [InlineData("a@b.c")]
    [InlineData("a..b@example.com")]
    [InlineData("a@example.com.")]
    [InlineData("a,b@example.com")]
    public void Email_RefusesWhatFormioRefuses(string value) =>
        Refuses("""{ "type": "email", "key": "e", "label": "邮箱" }""", $$"""{ "e": "{{value}}" }""", "e");

    [Fact]
    public void Email_AcceptsAnOrdinaryAddress() =>
        Accepts("""{ "type": "email", "key": "e", "label": "邮箱" }""", """{ "e": "zhang.san@example.com.cn" }""");

    [Theory]
    [InlineData("AB123\\n")]
    [InlineData("AB１２３")]
    public void Pattern_HasJavaScriptSemantics(string value) =>
        Refuses("""{ "type": "textfield", "key": "t", "label": "编号", "validate": { "pattern": "[A-Z]{2}\\d{3}" } }""", $$"""{ "t": "{{value}}" }""", "t");

    [Theory]
    [InlineData("abzzz", true)]
    [InlineData("zzzcd", true)]
    [InlineData("abcd", true)]
    [InlineData("zz", false)]
    public void Pattern_IsAnchoredAsFormioAnchorsIt(string value, bool valid)
    {
        var errors = Run("""{ "type": "textfield", "key": "t", "label": "编号", "validate": { "pattern": "ab|cd" } }""", $$"""{ "t": "{{value}}" }""").Errors;
        Assert.Equal(valid, errors.Count == 0);
    }

    [Fact]
    public void Pattern_ReadsBackslashPAsTheLetterP() =>
        Accepts("""{ "type": "textfield", "key": "t", "label": "编号", "validate": { "pattern": "\\p{L}+" } }""", """{ "t": "p{L}" }""");

    [Fact]
    public void JsRegex_RefusesGroupsJavaScriptCannotCompile() =>
        Assert.Throws<ArgumentException>(() => JsRegex.Translate("(?>ab)"));

    [Fact]
    public void TruncateMultipleSpaces_ChecksAndStoresTheShortenedText()
    {
        var outcome = Run("""{ "type": "textfield", "key": "t", "label": "名称", "truncateMultipleSpaces": true, "validate": { "maxLength": 5 } }""",
            """{ "t": "  a   b  c " }""");
        Assert.Empty(outcome.Errors);
        Assert.Equal("a b c", (string?)outcome.Data["t"]);
    }

    [Fact]
    public void Words_AreCountedAsFormioCountsThem()
    {
        const string field = """{ "type": "textarea", "key": "t", "label": "简介", "validate": { "minWords": 2, "maxWords": 3 } }""";
        Accepts(field, """{ "t": "one two three" }""");
        Assert.Contains("最多 3 个词", Refuses(field, """{ "t": "one two three four" }""", "t").Message);
        Assert.Contains("至少 2 个词", Refuses(field, """{ "t": "one" }""", "t").Message);
    }

    private const string DateField = """
        { "type": "datetime", "key": "d", "label": "日期", "enableTime": false,
          "datePicker": { "minDate": "2024-01-01", "maxDate": "2024-12-31" } }
        """;

    [Fact]
    public void Date_InAnotherFormatIsRefused() =>
        Refuses(DateField, """{ "d": "2024年9月1日" }""", "d");

    [Fact]
    public void Date_AfterTheMaximumInBeijingTimeIsRefused() =>
        Refuses(DateField, """{ "d": "2024-12-31T20:00:00Z" }""", "d");

    [Fact]
    public void Date_OnTheLastDayInBeijingTimeIsAccepted() =>
        Accepts(DateField, """{ "d": "2024-12-31T15:00:00Z" }""");

    [Fact]
    public void Date_MinimumWithATimeIsComparedWithTheTime() =>
        Refuses("""{ "type": "datetime", "key": "d", "label": "日期", "datePicker": { "minDate": "2024-01-01T12:00:00+08:00" } }""",
            """{ "d": "2024-01-01T09:00:00+08:00" }""", "d");

    [Fact]
    public void File_ASingleObjectIsNotAList() =>
        Assert.Contains("列表", Refuses("""{ "type": "file", "key": "f", "label": "附件", "storage": "url" }""",
            """{ "f": { "storage": "url", "url": "/api/uploads/3f2b6c1e-0000-4000-8000-000000000001" } }""", "f").Message);

    [Fact]
    public void RequiredContainer_WithOnlyBlankChildrenIsRefused() =>
        Refuses("""{ "type": "container", "key": "c", "label": "联系人", "validate": { "required": true }, "components": [ { "type": "textfield", "key": "n", "label": "姓名" } ] }""",
            """{ "c": { "n": "" } }""", "c");

    [Fact]
    public void RequiredDatagrid_WithOneEmptyRowIsRefused() =>
        Refuses("""{ "type": "datagrid", "key": "g", "label": "成员", "validate": { "required": true }, "components": [ { "type": "textfield", "key": "n", "label": "姓名" } ] }""",
            """{ "g": [ { "n": "" } ] }""", "g");
}
