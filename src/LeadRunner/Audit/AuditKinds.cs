namespace LeadRunner.Audit;

/// <summary>What an audit entry is about. The codes are stored; the Chinese names are shown and exported.</summary>
public static class AuditKinds
{
    public const string Login = "login";
    public const string Account = "account";
    public const string Configuration = "configuration";
    public const string Case = "case";
    public const string Download = "download";
    public const string Export = "export";
    public const string Content = "content";

    public static readonly IReadOnlyDictionary<string, string> ChineseNames = new Dictionary<string, string>
    {
        [Login] = "登录",
        [Account] = "账号",
        [Configuration] = "配置",
        [Case] = "案件",
        [Download] = "下载",
        [Export] = "导出",
        [Content] = "网站内容",
    };

    public static string NameOf(string kind) => ChineseNames.GetValueOrDefault(kind, kind);
}
