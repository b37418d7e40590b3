using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadRunner.Cms.Editing;

/// <summary>
/// One version of a content item as staff write it and as it is stored (JSON): everything the public page shows.
/// A 公示's closing day is not written but counted from its opening day on the working-day calendar.
/// </summary>
public sealed record ContentDocument
{
    public string Type { get; init; } = "";
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public string? Summary { get; init; }
    public string Body { get; init; } = "";
    public int? Round { get; init; }
    public string? DocumentNumber { get; init; }
    public DateOnly? DocumentDate { get; init; }
    public string? Publisher { get; init; }
    public IReadOnlyList<AttachmentRef>? Attachments { get; init; }
    public PublicityWindow? Publicity { get; init; }

    public sealed record AttachmentRef(Guid Id, string? Name);

    /// <summary>A 公示's batch and window: the cases announced, the first day, the last day (counted) and the objection form.</summary>
    public sealed record PublicityWindow(IReadOnlyList<int>? Cases, DateOnly? OpensOn, DateOnly? ClosesOn = null, string? Form = null);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ContentDocument? Parse(string json, out string? error)
    {
        try
        {
            error = null;
            return JsonSerializer.Deserialize<ContentDocument>(json, Json);
        }
        catch (JsonException e)
        {
            error = e.Path is { Length: > 1 } path ? $"{path} 处的值类型不对。" : "内容不是有效的 JSON。";
            return null;
        }
    }
}
