using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using LeadRunner.Forms;

namespace LeadRunner.Benchmarks.Forms;

/// <summary>
/// Server-side validation of one submission with 200 fields: 120 top-level fields of every checked kind (text
/// with pattern, number with precision and range, email, phone, USCC, select, date) in panels and columns, and a
/// 20-row table of 4 columns, with a conditional container. Target: ≤ 2 ms median.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MedianColumn]
[MemoryDiagnoser]
public class FormValidationBenchmark
{
    private FormDefinition _form = null!;
    private JsonObject _data = null!;

    [GlobalSetup]
    public void SetUp()
    {
        var fields = new JsonArray();
        var data = new JsonObject();
        for (var i = 0; i < 120; i++)
        {
            var key = $"f{i.ToString(CultureInfo.InvariantCulture)}";
            var (component, value) = (i % 7) switch
            {
                0 => (Field("textfield", key, """{ "required": true, "maxLength": 50, "pattern": "[A-Z]{2}\\d+" }"""), (JsonNode)"AB123"),
                1 => (Field("number", key, """{ "required": true, "min": 0, "max": 1000000000 }""", """ "decimalLimit": 2, """), JsonValue.Create(12345.67m)),
                2 => (Field("email", key, """{ "required": true }"""), "a@b.cn"),
                3 => (Field("phoneNumber", key, """{ "required": true }"""), "0311-87903827"),
                4 => (Field("uscc", key, """{ "required": true }"""), "91130534MA0CQH1106"),
                5 => (Field("select", key, """{ "required": true }""", """ "data": { "values": [ { "label": "上游", "value": "上游" }, { "label": "下游", "value": "下游" } ] }, """), "下游"),
                _ => (Field("datetime", key, """{ "required": true }""", """ "datePicker": { "minDate": "2020-01-01", "maxDate": "2030-12-31" }, """), "2024-09-01T00:00:00+08:00"),
            };
            fields.Add(component);
            data[key] = value;
        }
        var panels = new JsonArray();
        for (var p = 0; p < 6; p++)
        {
            var columns = new JsonArray(
                new JsonObject { ["components"] = new JsonArray([.. fields.Skip(p * 20).Take(10).Select(f => f!.DeepClone())]) },
                new JsonObject { ["components"] = new JsonArray([.. fields.Skip(p * 20 + 10).Take(10).Select(f => f!.DeepClone())]) });
            panels.Add(new JsonObject { ["type"] = "panel", ["key"] = $"p{p}", ["title"] = "面板", ["components"] = new JsonArray(new JsonObject { ["type"] = "columns", ["key"] = $"c{p}", ["columns"] = columns }) });
        }
        panels.Add(JsonNode.Parse("""
            { "type": "datagrid", "key": "partners", "label": "合作企业", "validate": { "minLength": 1, "maxLength": 20 }, "components": [
              { "type": "textfield", "key": "name", "label": "企业名称", "validate": { "required": true, "maxLength": 100 } },
              { "type": "uscc", "key": "uscc", "label": "统一社会信用代码", "validate": { "required": true } },
              { "type": "select", "key": "relation", "label": "关系", "data": { "values": [ { "label": "上游", "value": "上游" }, { "label": "下游", "value": "下游" } ] }, "validate": { "required": true } },
              { "type": "number", "key": "amount", "label": "金额", "decimalLimit": 2, "validate": { "min": 0 } } ] }
            """));
        panels.Add(JsonNode.Parse("""{ "type": "container", "key": "merger", "conditional": { "show": true, "when": "f5", "eq": "上游" }, "components": [ { "type": "textfield", "key": "parties", "label": "各方", "validate": { "required": true } } ] }"""));
        var read = FormSchemaReader.Read(new JsonObject { ["key"] = "bench", ["title"] = "基准", ["components"] = panels });
        _form = read.Definition ?? throw new InvalidOperationException(string.Join("; ", read.Errors));
        data["partners"] = new JsonArray([.. Enumerable.Range(0, 20).Select(r => (JsonNode)new JsonObject
        {
            ["name"] = $"合作企业{r.ToString(CultureInfo.InvariantCulture)}", ["uscc"] = "91130638MA0FB9N1XF", ["relation"] = "上游", ["amount"] = 5000000.5m,
        })]);
        _data = JsonNode.Parse(data.ToJsonString())!.AsObject();
        var outcome = SubmissionValidator.Validate(_form, _data);
        if (outcome.Errors.Count != 0 || outcome.Data.Count != 121)
        {
            throw new InvalidOperationException($"the benchmark submission should be valid: {string.Join("; ", outcome.Errors)}");
        }
    }

    private static JsonNode Field(string type, string key, string validate, string extra = "") =>
        JsonNode.Parse($$"""{ "type": "{{type}}", "key": "{{key}}", "label": "字段{{key}}", {{extra}} "validate": {{validate}} }""")!;

    [Benchmark]
    public int Validate200Fields() => SubmissionValidator.Validate(_form, _data).Data.Count;
}
