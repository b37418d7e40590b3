using System.Text;
using System.Text.Json;

namespace LeadRunner.Workflow.Definitions;

/// <summary>
/// Maps JSON paths ("$.steps[2].id") to where their values start in the text (1-based line and UTF-16 column),
/// so that validation errors can be shown at their place in the editor.
/// </summary>
public sealed class JsonPositions
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = [];

    public static JsonPositions Of(string json)
    {
        var result = new JsonPositions();
        var bytes = Encoding.UTF8.GetBytes(json);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }
        try
        {
            result.Walk(bytes, lineStarts);
        }
        catch (JsonException)
        {
            // Malformed JSON: positions found so far are kept; the parse error itself carries its own position.
        }
        return result;
    }

    public (int Line, int Column) Find(string path)
    {
        // Fall back to the nearest parent that has a position (e.g. a missing property → its object).
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (_positions.TryGetValue(p, out var position))
            {
                return position;
            }
        }
        return (1, 1);
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private void Walk(byte[] bytes, List<int> lineStarts)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new Stack<(string Path, int Index, bool IsArray)>();
        string? pendingProperty = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingProperty = reader.GetString();
                    Record($"{stack.Peek().Path}.{pendingProperty}", reader.TokenStartIndex);
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    var path = NextValuePath();
                    Record(path, reader.TokenStartIndex);
                    stack.Push((path, -1, reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    stack.Pop();
                    break;
                default:
                    Record(NextValuePath(), reader.TokenStartIndex);
                    break;
            }
        }

        // The path of the value that starts now: the next element of an array, or the pending property's value.
        string NextValuePath()
        {
            if (stack.Count == 0)
            {
                return "$";
            }
            var top = stack.Peek();
            if (!top.IsArray)
            {
                return $"{top.Path}.{pendingProperty}";
            }
            stack.Pop();
            stack.Push((top.Path, top.Index + 1, true));
            return $"{top.Path}[{top.Index + 1}]";
        }

        void Record(string path, long offset)
        {
            var line = lineStarts.BinarySearch((int)offset);
            line = line >= 0 ? line : ~line - 1;
            var column = Encoding.UTF8.GetCharCount(bytes, lineStarts[line], (int)offset - lineStarts[line]) + 1;
            _positions.TryAdd(path, (line + 1, column));
        }
    }
}
