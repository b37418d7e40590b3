using LeadRunner.Forms;

namespace LeadRunner.Tests.Forms;

/// <summary>Settings the server would ignore are refused when the form is read for publishing, with the path and a Chinese reason.</summary>
public class UnsupportedSettingsTests
{
    private static FormSchemaReader.Result Read(string component) =>
        FormSchemaReader.Read($$"""{ "key": "t", "title": "测试", "components": [ {{component}} ] }""");

    [Theory]
    [InlineData("""{ "type": "textfield", "key": "a", "label": "名称", "unique": true }""", "$.components[0].unique", "唯一值")]
    [InlineData("""{ "type": "textfield", "key": "a", "label": "名称", "persistent": "client-only" }""", "$.components[0].persistent", "不保存")]
    [InlineData("""{ "type": "phoneNumber", "key": "a", "label": "电话", "allowMultipleMasks": true, "inputMasks": [ { "label": "手机", "mask": "999-9999-9999" } ] }""", "$.components[0].allowMultipleMasks", "多个输入掩码")]
    [InlineData("""{ "type": "file", "key": "a", "label": "附件", "storage": "url", "fileMinSize": "1KB" }""", "$.components[0].fileMinSize", "文件大小下限")]
    [InlineData("""{ "type": "datetime", "key": "a", "label": "日期", "datePicker": { "disableWeekends": true } }""", "$.components[0].datePicker.disableWeekends", "禁用周末")]
    [InlineData("""{ "type": "radio", "key": "a", "label": "级别", "dataSrc": "url", "data": { "url": "/x" }, "values": [ { "label": "一", "value": "1" } ] }""", "$.components[0].dataSrc", "固定选项")]
    [InlineData("""{ "type": "datetime", "key": "a", "label": "日期", "datePicker": { "minDate": "moment().subtract(1, 'day')" } }""", "$.components[0].datePicker.minDate", "moment()")]
    [InlineData("""{ "type": "textfield", "key": "a", "label": "名称", "validate": { "pattern": "(?>ab)" } }""", "$.components[0].validate.pattern", "正则表达式")]
    public void Read_RefusesASettingTheServerDoesNotCheck(string component, string path, string reason)
    {
        var result = Read(component);
        Assert.Null(result.Definition);
        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("""{ "type": "textfield", "key": "a", "label": "名称", "unique": false, "persistent": true, "protected": false }""")]
    [InlineData("""{ "type": "file", "key": "a", "label": "附件", "storage": "url", "fileMinSize": "0KB" }""")]
    [InlineData("""{ "type": "phoneNumber", "key": "a", "label": "电话", "inputMask": "", "allowMultipleMasks": false, "inputMasks": [] }""")]
    public void Read_AcceptsTheDesignersDefaults(string component)
    {
        var result = Read(component);
        Assert.Empty(result.Errors);
    }
}
