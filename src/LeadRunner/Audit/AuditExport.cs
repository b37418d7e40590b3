using LeadRunner.Hosting;

namespace LeadRunner.Audit;

/// <summary>The log as an Excel workbook with Chinese headers, written row by row so a long log does not sit in memory twice.</summary>
public static class AuditExport
{
    public const string ContentType = XlsxSheet.ContentType;

    public static readonly IReadOnlyList<string> Headers =
        ["序号", "时间（北京时间）", "操作人", "类别", "操作", "对象", "调整前", "调整后", "原因/意见", "客户端地址", "哈希算法", "哈希"];

    public static Task WriteAsync(Stream output, IAsyncEnumerable<AuditEntry> entries, CancellationToken cancellationToken) =>
        XlsxSheet.WriteAsync(output, "审计日志", Headers, Rows(entries, cancellationToken), cancellationToken);

    private static async IAsyncEnumerable<IEnumerable<string?>> Rows(IAsyncEnumerable<AuditEntry> entries,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var a in entries.WithCancellation(cancellationToken))
        {
            yield return [a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.At.ToChina().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                a.UserName, AuditKinds.NameOf(a.Kind), a.Action, a.Subject, a.Before, a.After, a.Reason, a.ClientIp, a.HashAlgorithm, a.Hash];
        }
    }
}
