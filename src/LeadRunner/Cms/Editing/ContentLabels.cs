using System.Globalization;

namespace LeadRunner.Cms.Editing;

/// <summary>The Chinese words editors read for an item's state and its waiting requests.</summary>
public static class ContentLabels
{
    public static string Status(string status) => status switch
    {
        "published" => "已发布",
        "withdrawn" => "已撤下",
        _ => "草稿",
    };

    public static string Pending(ContentRequest request) => (request.Action, request.State) switch
    {
        (ContentAction.Publish, ContentRequestState.AwaitingApproval) => request.At is { } at ? $"待审核（通过后于 {Local(at)} 发布）" : "待审核",
        (ContentAction.Publish, _) => $"定时发布：{Local(request.At)}",
        _ => $"定时撤下：{Local(request.At)}",
    };

    private static string Local(DateTimeOffset? at) =>
        at is { } value ? Hosting.ChinaTime.ToChina(value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
}
