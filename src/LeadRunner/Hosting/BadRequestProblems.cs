using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace LeadRunner.Hosting;

/// <summary>
/// One answer for every request the framework cannot bind (malformed JSON, wrong types, empty body, too deep, bad query
/// values): a 400 problem with a Chinese message keyed by the field's JSON path, in every environment.
/// </summary>
public sealed partial class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>Deeper JSON than any of our documents needs is refused before it reaches a handler.</summary>
    public const int MaxJsonDepth = 32;

    internal static void Register(IServiceCollection services)
    {
        // Minimal APIs otherwise answer a bad request with an empty 400 and only a log line; throwing lets us explain it.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => options.SerializerOptions.MaxDepth = MaxJsonDepth);
        services.AddExceptionHandler<BadRequestProblems>();
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }
        var (status, title, errors) = Describe(bad, httpContext);
        httpContext.Response.StatusCode = status;
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = status,
            Title = title,
            Detail = string.Join("；", errors.SelectMany(e => e.Value)),
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static (int Status, string Title, Dictionary<string, string[]> Errors) Describe(BadHttpRequestException bad, HttpContext httpContext)
    {
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return (415, "不支持的内容类型", One("body", "请求正文应为 JSON（Content-Type: application/json）。"));
        }
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (413, "提交的内容过大", One("body", "请求正文超过允许的大小。"));
        }
        if (bad.StatusCode != StatusCodes.Status400BadRequest)
        {
            return (bad.StatusCode, FriendlyErrors.Describe(bad.StatusCode), One("request", "请求未能处理，请检查后重试。"));
        }
        var body = httpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var errors = bad.InnerException is JsonException json ? DescribeJson(json, body) : DescribeBinding(bad.Message);
        return (400, "提交的数据有误", errors);
    }

    private static Dictionary<string, string[]> DescribeJson(JsonException json, Type? body)
    {
        var field = FieldOf(json.Path);
        var message = json.Message;
        if (message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            return One(field, $"JSON 嵌套层数超过上限 {MaxJsonDepth}。");
        }
        if (ConvertedTo().Match(message) is { Success: true } converted)
        {
            // The message names the enclosing record when the field is a constructor argument; the path finds the field's own type.
            var expected = TypeAt(body, json.Path)?.ToString() ?? json.InnerException?.Message ?? converted.Groups[1].Value;
            var name = field == "body" ? "请求正文" : $"字段 {field}";
            return One(field, $"{name} 应为{Kind(expected)}。");
        }
        var position = json.LineNumber is { } line ? $"（第 {line + 1} 行第 {json.BytePositionInLine + 1} 个字节附近）" : "";
        return One(field, $"请求正文不是有效的 JSON{position}。");
    }

    /// <summary>Route, query and header values, and a missing body, come as a message naming the parameter.</summary>
    private static Dictionary<string, string[]> DescribeBinding(string message)
    {
        if (BindFailure().Match(message) is { Success: true } failed)
        {
            var name = failed.Groups["name"].Value;
            return One(name, $"参数 {name} 的值“{failed.Groups["value"].Value}”无效，应为{Kind(failed.Groups["type"].Value)}。");
        }
        if (message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return One("body", "请求正文不能为空，应为 JSON 对象。");
        }
        if (RequiredParameter().Match(message) is { Success: true } required)
        {
            var name = required.Groups["name"].Value;
            return One(name, $"缺少参数 {name}。");
        }
        return One("request", "请求格式有误，请检查后重试。");
    }

    /// <summary>The declared type at a JSON path such as $.partners[0].amount, following the body's properties.</summary>
    private static Type? TypeAt(Type? type, string? path)
    {
        if (type is null || string.IsNullOrEmpty(path))
        {
            return null;
        }
        foreach (var segment in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            var property = type?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            type = property?.PropertyType;
            if (type is not null && segment.Contains('['))
            {
                type = type.IsArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments()[0] : null;
            }
            if (type is null)
            {
                return null;
            }
        }
        return type;
    }

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The expected type, in words a user knows, from a .NET type name such as System.Nullable`1[System.Int32].</summary>
    private static string Kind(string type) => type switch
    {
        _ when type.Contains("JsonArray") || type.Contains("List") || type.Contains("[]") || type.Contains("Enumerable") => "数组",
        _ when type.Contains("Int16") || type.Contains("Int32") => "整数（-2147483648 至 2147483647）",
        _ when type.Contains("as a number") => "数字",
        _ when type.Contains("as a string") => "文本",
        _ when type.Contains("as a boolean") => "布尔值（true 或 false）",
        _ when type.Contains("Int64") => "整数",
        _ when type.Contains("Decimal") || type.Contains("Double") || type.Contains("Single") => "数字",
        _ when type.Contains("Boolean") || type.Contains("bool") => "布尔值（true 或 false）",
        _ when type.Contains("DateTime") || type.Contains("DateOnly") || type.Contains("Date") => "日期",
        _ when type.Contains("String") || type.Contains("string") => "文本",
        _ when type.Contains("int") || type.Contains("long") => "整数",
        _ => "对象",
    };

    private static Dictionary<string, string[]> One(string field, string message) => new() { [field] = [message] };

    [GeneratedRegex(@"could not be converted to (\S+?)\.? Path", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    [GeneratedRegex("""Failed to bind parameter "(?<type>.+) (?<name>[^ ]+)" from "(?<value>.*)"\.""", RegexOptions.CultureInvariant)]
    private static partial Regex BindFailure();

    [GeneratedRegex("""Required parameter "(?<type>.+) (?<name>[^ ]+)" was not provided""", RegexOptions.CultureInvariant)]
    private static partial Regex RequiredParameter();
}
