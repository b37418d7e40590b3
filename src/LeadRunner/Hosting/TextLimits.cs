using Microsoft.Extensions.Options;

namespace LeadRunner.Hosting;

/// <summary>
/// Length limits for free text (configuration section "Limits"): a 10 MB comment is refused, not stored and served to
/// every viewer of the case.
/// </summary>
public sealed class TextLimits
{
    public const string Section = "Limits";

    /// <summary>Comments on tasks and case actions, objections and other opinions.</summary>
    public int CommentMaxLength { get; set; } = 2000;

    /// <summary>Notes that explain a change (publish, rollback, retract).</summary>
    public int NoteMaxLength { get; set; } = 2000;

    /// <summary>Names and titles (enterprises, clusters, display names).</summary>
    public int NameMaxLength { get; set; } = 200;

    public static IServiceCollection AddTextLimits(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TextLimits>().Bind(configuration.GetSection(Section))
            .Validate(l => l.CommentMaxLength > 0 && l.NoteMaxLength > 0 && l.NameMaxLength > 0, "Limits 中的长度上限须为正数。")
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<TextLimits>>().Value);
        return services;
    }

    public string? Comment(string field, string? text) => TooLong(field, "意见", text, CommentMaxLength);

    public string? Note(string field, string? text) => TooLong(field, "说明", text, NoteMaxLength);

    /// <summary>Null when <paramref name="text"/> fits, else a Chinese message naming the field and the limit.</summary>
    public static string? TooLong(string field, string label, string? text, int max) =>
        text is not null && text.Length > max ? $"{label}（{field}）不能超过 {max} 个字符，当前 {text.Length} 个字符。" : null;
}
