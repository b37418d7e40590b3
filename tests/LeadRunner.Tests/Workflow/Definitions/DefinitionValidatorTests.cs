using System.Text.Json.Nodes;

namespace LeadRunner.Tests.Workflow.Definitions;

public class DefinitionValidatorTests
{
    // A small valid definition; each test breaks one thing.
    internal const string Minimal = """
        {
          "id": "sample",
          "version": 1,
          "title": "示例流程",
          "variables": [ { "name": "year", "type": "number" } ],
          "start": "apply",
          "steps": [
            { "id": "apply", "kind": "humanTask", "title": "企业申请", "assignee": { "role": "enterprise", "scope": "applicant" } },
            { "id": "review", "kind": "humanTask", "title": "县级审核", "assignee": { "role": "county", "scope": "applicantCounty" } },
            { "id": "done", "kind": "terminal", "title": "办结", "outcome": "approved" }
          ],
          "transitions": [
            { "key": "submit", "label": "提交", "from": "apply", "to": "review" },
            { "key": "approve", "label": "通过", "from": "review", "to": "done", "guard": "vars.year >= 2024" }
          ]
        }
        """;

    private static LeadRunner.Workflow.Definitions.DefinitionValidator.Result Validate(string json) => DefinitionFilesTests.Validator().Validate(json);

    private static string Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Minimal)!.AsObject();
        change(node);
        return node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    [Fact]
    public void Minimal_IsValid() => Assert.True(Validate(Minimal).Valid, string.Join("\n", Validate(Minimal).Errors));

    [Fact]
    public void UnknownTargetStep_IsReportedAtItsPathAndLine()
    {
        var json = Minimal.Replace("\"to\": \"done\"", "\"to\": \"nowhere\"", StringComparison.Ordinal);
        var error = Assert.Single(Validate(json).Errors, e => e.Message.Contains("nowhere", StringComparison.Ordinal));
        Assert.Equal("$.transitions[1].to", error.Path);
        var expectedLine = json.Split('\n').ToList().FindIndex(l => l.Contains("\"nowhere\"", StringComparison.Ordinal)) + 1;
        Assert.Equal(expectedLine, error.Line);
        Assert.True(error.Column > 1);
    }

    [Fact]
    public void UnreachableStep_IsReported()
    {
        var json = Mutate(d => d["steps"]!.AsArray().Add(JsonNode.Parse("""{ "id": "island", "kind": "terminal", "title": "孤岛" }""")));
        Assert.Contains(Validate(json).Errors, e => e.Path == "$.steps[3]" && e.Message.Contains("无法到达", StringComparison.Ordinal));
    }

    [Fact]
    public void StepWithNoWayOut_IsReported()
    {
        var json = Mutate(d => d["transitions"]!.AsArray().RemoveAt(1));
        var errors = Validate(json).Errors;
        Assert.Contains(errors, e => e.Path == "$.steps[1]" && e.Message.Contains("没有出口", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownRole_IsRefusedBySchema()
    {
        var json = Minimal.Replace("\"role\": \"county\"", "\"role\": \"mayor\"", StringComparison.Ordinal);
        var errors = Validate(json).Errors;
        Assert.Contains(errors, e => e.Path == "$.steps[1].assignee.role" && e.Message.Contains("取值不在允许的范围内", StringComparison.Ordinal));
    }

    [Fact]
    public void RoleThatDoesNotFitScope_IsReported()
    {
        var json = Minimal.Replace("\"role\": \"county\", \"scope\": \"applicantCounty\"", "\"role\": \"county\", \"scope\": \"province\"", StringComparison.Ordinal);
        Assert.Contains(Validate(json).Errors, e => e.Path == "$.steps[1].assignee" && e.Message.Contains("不能使用范围", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownForm_IsReported()
    {
        var json = Mutate(d => d["steps"]![0]!["form"] = "no-such-form");
        Assert.Contains(Validate(json).Errors, e => e.Path == "$.steps[0].form" && e.Message.Contains("表单“no-such-form”不存在", StringComparison.Ordinal));
    }

    [Fact]
    public void GuardThatDoesNotParse_IsReportedWithPosition()
    {
        var json = Mutate(d => d["transitions"]![1]!["guard"] = "vars.year >= (2024");
        var error = Assert.Single(Validate(json).Errors);
        Assert.Equal("$.transitions[1].guard", error.Path);
        Assert.Contains("语法错误", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EffectOnUndeclaredVariable_IsReported()
    {
        var json = Mutate(d => d["transitions"]![0]!["effects"] = JsonNode.Parse("""[ { "kind": "setVariable", "variable": "ghost", "value": "1" } ]"""));
        Assert.Contains(Validate(json).Errors, e => e.Path == "$.transitions[0].effects[0].variable");
    }

    [Fact]
    public void PoolDecisionWithoutItsDecision_IsReported()
    {
        var json = Mutate(d => d["transitions"]![1]!["effects"] = JsonNode.Parse("""[ { "kind": "recordPoolDecision" } ]"""));
        Assert.Contains(Validate(json).Errors, e => e.Path == "$.transitions[1].effects[0].decision" && e.Message.Contains("admitted", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "kind": "variable", "variable": "dueDate", "onExpiry": "remind" }""", null)]
    [InlineData("""{ "kind": "variable", "variable": "dueDate", "daysSetting": "quarterlyUpdate.graceDays", "onExpiry": "remind" }""", null)]
    [InlineData("""{ "kind": "variable", "onExpiry": "remind" }""", "必须指明保存日期的变量")]
    [InlineData("""{ "kind": "variable", "variable": "missing", "onExpiry": "remind" }""", "期限变量“missing”未在 variables 中声明")]
    [InlineData("""{ "kind": "variable", "variable": "year", "onExpiry": "remind" }""", "须为日期或文本类型")]
    public void VariableDeadline_NeedsADeclaredDateVariable(string deadline, string? message)
    {
        var json = Mutate(d =>
        {
            d["variables"]!.AsArray().Add(JsonNode.Parse("""{ "name": "dueDate", "type": "date" }"""));
            d["steps"]![0]!["deadline"] = JsonNode.Parse(deadline);
        });
        var result = Validate(json);
        if (message is null)
        {
            Assert.True(result.Valid, string.Join("\n", result.Errors));
        }
        else
        {
            Assert.Contains(result.Errors, e => e.Path.StartsWith("$.steps[0].deadline", StringComparison.Ordinal) && e.Message.Contains(message, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("""{ "kind": "raiseRevocation", "ground": "noReport", "message": "{{ enterprise.name }}未报送。" }""", null)]
    [InlineData("""{ "kind": "raiseRevocation", "message": "未报送。" }""", "撤销事由必须是")]
    [InlineData("""{ "kind": "raiseRevocation", "ground": "noReport" }""", "请填写撤销事实与依据")]
    public void RaiseRevocation_NeedsAGroundOfArticle16AndItsFacts(string effect, string? message)
    {
        var json = Mutate(d => d["transitions"]![1]!["effects"] = new JsonArray(JsonNode.Parse(effect)));
        var result = Validate(json);
        if (message is null)
        {
            Assert.True(result.Valid, string.Join("\n", result.Errors));
        }
        else
        {
            Assert.Contains(result.Errors, e => e.Path.StartsWith("$.transitions[1].effects[0]", StringComparison.Ordinal) && e.Message.Contains(message, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void MissingRequiredProperty_NamesIt()
    {
        var json = Mutate(d => d.Remove("start"));
        Assert.Contains(Validate(json).Errors, e => e.Path == "$" && e.Message.Contains("start", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownProperty_IsRefused()
    {
        var json = Mutate(d => d["steps"]![0]!["colour"] = "red");
        Assert.Contains(Validate(json).Errors, e => e.Path == "$.steps[0].colour" && e.Message.Contains("不认识的属性", StringComparison.Ordinal));
    }

    [Fact]
    public void MalformedJson_GivesLineAndColumn()
    {
        var error = Assert.Single(Validate("{\n  \"id\": \"x\",\n  \"title\" \"oops\"\n}").Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("JSON 格式错误", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimerStepWithoutTransitionOnExpiry_IsReported()
    {
        var json = Mutate(d =>
        {
            d["steps"]![1] = JsonNode.Parse("""{ "id": "review", "kind": "timer", "title": "公示", "deadline": { "kind": "workingDays", "days": 5, "onExpiry": "remind" } }""");
            d["transitions"]![1]!["trigger"] = "timer";
        });
        var errors = Validate(json).Errors;
        Assert.Contains(errors, e => e.Message.Contains("必须设置期限", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "$.transitions[1].trigger");
    }

    [Fact]
    public void DuplicateStepIds_AreReported()
    {
        var json = Mutate(d => d["steps"]!.AsArray().Add(JsonNode.Parse("""{ "id": "done", "kind": "terminal", "title": "重复" }""")));
        Assert.Contains(Validate(json).Errors, e => e.Path == "$.steps[3].id" && e.Message.Contains("重复", StringComparison.Ordinal));
    }
}
