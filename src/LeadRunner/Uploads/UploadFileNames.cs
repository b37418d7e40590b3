using System.Globalization;
using System.Text;

namespace LeadRunner.Uploads;

/// <summary>
/// Makes a client's file name safe to store and to send back in Content-Disposition: no folders, no control or
/// reserved characters, a bounded length, and an extension that matches the detected content. Chinese is kept.
/// </summary>
public static class UploadFileNames
{
    public const int MaxLength = 120;

    // Reserved on Windows or meaningful in headers and shells; replaced rather than dropped so words stay apart.
    private const string Reserved = "<>:\"/\\|?*;";

    public sealed record Result(string? FileName, string? Error);

    public static Result Sanitize(string? original, UploadContentType type)
    {
        var name = StripFolders(original ?? "");
        var clean = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }
            clean.Append(rune.IsAscii && Reserved.Contains((char)rune.Value, StringComparison.Ordinal) ? "_" : rune.ToString());
        }
        // Leading dots would hide the file; trailing dots and spaces are dropped by Windows.
        var trimmed = clean.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');

        var extension = Path.GetExtension(trimmed);
        var stem = string.IsNullOrEmpty(extension) ? trimmed : trimmed[..^extension.Length];
        if (string.IsNullOrEmpty(extension))
        {
            extension = type.DefaultExtension;
        }
        else if (!type.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return new(null, $"文件名“{Shorten(trimmed)}”的扩展名“{extension}”与文件内容（{type.Name}）不符，请上传真实的 {type.Name} 文件或改正扩展名。");
        }
        extension = extension.ToLowerInvariant();
        stem = stem.Trim();
        if (stem.Length == 0)
        {
            stem = "文件";
        }
        var room = MaxLength - extension.Length;
        if (stem.Length > room)
        {
            // Cut on a text element boundary so a Chinese character or emoji is never split.
            var info = new StringInfo(stem);
            var take = info.LengthInTextElements;
            while (take > 0 && info.SubstringByTextElements(0, take).Length > room)
            {
                take--;
            }
            stem = info.SubstringByTextElements(0, take).TrimEnd();
        }
        return new(stem + extension, null);
    }

    private static string StripFolders(string name)
    {
        var cut = name.LastIndexOfAny(['/', '\\']);
        return cut < 0 ? name : name[(cut + 1)..];
    }

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "…";
}
