using System.IO.Compression;

namespace LeadRunner.Uploads;

/// <summary>A file type we accept, as recognised from the bytes.</summary>
public sealed record UploadContentType(string Name, string MimeType, string[] Extensions)
{
    public string DefaultExtension => Extensions[0];
}

/// <summary>
/// Recognises accepted files by their content (magic bytes, and for DOCX the package parts), never by the name or
/// the type the browser declares: a renamed executable must not pass as a PDF.
/// </summary>
public static class UploadContentTypes
{
    public static readonly UploadContentType Pdf = new("PDF", "application/pdf", [".pdf"]);
    public static readonly UploadContentType Png = new("PNG", "image/png", [".png"]);
    public static readonly UploadContentType Jpeg = new("JPEG", "image/jpeg", [".jpg", ".jpeg"]);
    public static readonly UploadContentType Docx = new("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]);

    public static readonly IReadOnlyList<UploadContentType> All = [Pdf, Docx, Jpeg, Png];

    /// <summary>How many leading bytes <see cref="Detect"/> needs.</summary>
    public const int HeaderLength = 8;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The type of the file at <paramref name="path"/> whose first bytes are <paramref name="header"/>, or null.</summary>
    public static UploadContentType? Detect(ReadOnlySpan<byte> header, string path)
    {
        if (header.StartsWith(PdfMagic))
        {
            return Pdf;
        }
        if (header.StartsWith(PngMagic))
        {
            return Png;
        }
        if (header.StartsWith(JpegMagic))
        {
            return Jpeg;
        }
        if (header.StartsWith(ZipMagic) && IsWordPackage(path))
        {
            return Docx;
        }
        return null;
    }

    /// <summary>Finds a type by its name (PDF) or MIME type, as form definitions may list either.</summary>
    public static UploadContentType? Find(string nameOrMime) =>
        All.FirstOrDefault(t => string.Equals(t.Name, nameOrMime, StringComparison.OrdinalIgnoreCase)
            || string.Equals(t.MimeType, nameOrMime, StringComparison.OrdinalIgnoreCase)
            || t.Extensions.Contains(nameOrMime, StringComparer.OrdinalIgnoreCase));

    // Any ZIP starts with PK; a Word document is a package holding these two parts. Only the central directory is read.
    private static bool IsWordPackage(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
