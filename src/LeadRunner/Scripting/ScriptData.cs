using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scriban.Runtime;

namespace LeadRunner.Scripting;

/// <summary>
/// Converts data for scripts into Scriban's own objects, so a script reads values and never reaches .NET members.
/// Numbers become decimals so that "3.5 % exactly" compares exactly.
/// </summary>
public static class ScriptData
{
    public static object? From(object? value) => value switch
    {
        null => null,
        string or bool or decimal => value,
        int or long or short or byte => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        double d => (decimal)d,
        float f => (decimal)f,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        JsonNode node => FromNode(node),
        JsonElement element => FromNode(JsonSerializer.SerializeToNode(element)),
        ScriptObject or ScriptArray => value,
        IDictionary dictionary => FromDictionary(dictionary),
        IEnumerable sequence => FromSequence(sequence),
        _ => throw new ArgumentException($"不支持向表达式传入 {value.GetType().Name} 类型的数据。"),
    };

    public static object? FromNode(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => FromPairs(obj.Select(p => (p.Key, (object?)p.Value))),
        JsonArray array => FromSequence(array),
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<decimal>(out var d) => d,
        // Values built in code (e.g. JsonValue.Create(5)) hold an int or double, not a decimal.
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static ScriptObject FromDictionary(IDictionary dictionary) =>
        FromPairs(dictionary.Keys.Cast<object>().Select(k => (Convert.ToString(k, CultureInfo.InvariantCulture)!, dictionary[k])));

    private static ScriptObject FromPairs(IEnumerable<(string Key, object? Value)> pairs)
    {
        var result = new ScriptObject();
        foreach (var (key, value) in pairs)
        {
            result.SetValue(key, From(value), readOnly: false);
        }
        return result;
    }

    private static ScriptArray FromSequence(IEnumerable sequence)
    {
        var result = new ScriptArray();
        foreach (var item in sequence)
        {
            result.Add(From(item));
        }
        return result;
    }

    /// <summary>Turns a script's result back into JSON, to store it in instance variables.</summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        ScriptObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, ToNode(p.Value)))),
        ScriptArray array => new JsonArray(array.Select(ToNode).ToArray()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        decimal d => JsonValue.Create(d),
        double or float when !double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)) => throw new ScriptFailureException("计算结果不是有限数值（可能除以了零）。"),
        int or long or double or float => JsonValue.Create(Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
