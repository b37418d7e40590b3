using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Hosting;
using QRCoder;

namespace LeadRunner.Documents.Issued;

/// <summary>What goes on every filled document: its code, the public address that checks it and that address as a QR code.</summary>
public sealed record VerificationStamp(string Code, string Url, byte[] QrPng, DateTimeOffset IssuedAt)
{
    public const string Instructions = "扫描二维码或访问上述网址，可核验本文件的出具方、对象、时间及 SHA-256 摘要。";

    public static VerificationStamp For(string code, string publicBaseUrl, DateTimeOffset issuedAt)
    {
        var url = $"{publicBaseUrl.TrimEnd('/')}/verify/{code}";
        // Medium error correction survives a printed and scanned page; 6 px modules keep the PNG around 1 KB.
        var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new VerificationStamp(code, url, new PngByteQRCode(data).GetGraphic(6), issuedAt);
    }

    public string QrDataUri => "data:image/png;base64," + Convert.ToBase64String(QrPng);

    /// <summary>The renderer's <c>document</c> global: the templates print the code, date, address and QR from it.</summary>
    public JsonObject ToDocumentNode() => new()
    {
        ["code"] = Code,
        ["issuedAt"] = IssuedAt.ToChina().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["verifyUrl"] = Url,
        ["qrDataUri"] = QrDataUri,
    };
}
