using System.Net;
using QRCoder;

namespace LeadRunner.Documents.Issued;

/// <summary>What goes on every filled document: its code, the public address that checks it and that address as a QR code.</summary>
public sealed record VerificationStamp(string Code, string Url, byte[] QrPng)
{
    public const string Instructions = "扫描二维码或访问上述网址，可核验本文件的出具机关角色、对象、时间及 SHA-256 摘要。";

    public static VerificationStamp For(string code, string publicBaseUrl)
    {
        var url = $"{publicBaseUrl.TrimEnd('/')}/verify/{code}";
        // Medium error correction survives a printed and scanned page; 6 px modules keep the PNG around 1 KB.
        var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new VerificationStamp(code, url, new PngByteQRCode(data).GetGraphic(6));
    }

    public string QrDataUri => "data:image/png;base64," + Convert.ToBase64String(QrPng);

    /// <summary>The stamp as an HTML block, placed at the end of the body so it prints on the last page.</summary>
    public string ToHtml() =>
        $"""
        <div class="verification" style="margin-top:2em;border-top:1px solid #888;padding-top:.5em;font-size:10.5pt;overflow:hidden">
        <img src="{QrDataUri}" alt="文件核验二维码" width="96" height="96" style="float:right;margin-left:1em" />
        <p>文件核验码：<strong>{Code}</strong></p>
        <p>核验网址：{WebUtility.HtmlEncode(Url)}</p>
        <p>{Instructions}</p>
        </div>
        """;

    public string AppendToHtml(string html)
    {
        var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return end < 0 ? html + ToHtml() : html[..end] + ToHtml() + html[end..];
    }
}
