using System.Text.Json.Nodes;
using LeadRunner.Versioning;

namespace LeadRunner.Tests.Versioning;

public class ChangesTests
{
    [Fact]
    public void JsonChanges_NameEachAddedRemovedAndChangedValue_ByPath()
    {
        var changes = JsonChanges.Compare(JsonNode.Parse("""{ "a": 1, "b": { "c": "x" }, "d": [1, 2] }"""), JsonNode.Parse("""{ "a": 2, "b": {}, "d": [1, 3], "e": true }"""));
        Assert.Equal(
        [
            new VersionChange("修改", "$.a", "1", "2"),
            new VersionChange("删除", "$.b.c", "x", null),
            new VersionChange("修改", "$.d[1]", "2", "3"),
            new VersionChange("新增", "$.e", null, "true"),
        ], changes);
        Assert.Empty(JsonChanges.Compare("""{ "a": [1] }""", """{ "a": [1] }"""));
    }

    [Fact]
    public void TextChanges_ReportEachEditedRunOfLines_AtItsLineInTheNewText()
    {
        var before = "一\n二\n三\n四\n五";
        var after = "一\n二（改）\n三\n四\n新增行\n五";
        Assert.Equal(
        [
            new VersionChange("修改", "第 2 行", "二", "二（改）"),
            new VersionChange("新增", "第 5 行", null, "新增行"),
        ], TextChanges.Compare(before, after));
        Assert.Equal([new VersionChange("删除", "第 1 行", "一", null)], TextChanges.Compare("一\n二", "二"));
        Assert.Empty(TextChanges.Compare("同\r\n样", "同\n样"));
    }
}
