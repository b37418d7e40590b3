using System.Net;
using System.Text.RegularExpressions;
using LeadRunner.Versioning;

namespace LeadRunner.Documents;

/// <summary>
/// The safety half of the HTML subset of docs/templates.md: a template may not contain script, frames, objects,
/// style sheets or form controls, event-handler attributes, or URLs other than http(s), mailto, relative ones and
/// raster data: images. Checked on the template's text (Scriban code masked, so positions stay those of the text)
/// and on what it renders, which catches markup assembled by expressions.
/// </summary>
public static partial class TemplateHtml
{
    /// <summary>Elements that run code, load other documents, restyle the page or post data.</summary>
    public static readonly IReadOnlySet<string> ForbiddenTags = new HashSet<string>(StringComparer.Ordinal)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta", "base",
        "form", "input", "button", "textarea", "select", "svg", "math", "template", "noscript",
    };

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.Ordinal)
    {
        "href", "src", "action", "formaction", "xlink:href", "background", "poster", "data", "cite", "lowsrc", "dynsrc", "longdesc", "ping", "srcset",
    };

    /// <summary>Every construct of <paramref name="html"/> outside the subset, with its line and column.</summary>
    public static IReadOnlyList<ValidationError> Check(string html, string path = "text")
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = MaskScriban(html);
        var errors = new List<ValidationError>();
        for (var i = text.IndexOf('<', StringComparison.Ordinal); i >= 0 && i < text.Length; i = text.IndexOf('<', i + 1))
        {
            var start = i + 1 < text.Length && text[i + 1] == '/' ? i + 2 : i + 1;
            var nameEnd = start;
            while (nameEnd < text.Length && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] is ':' or '-'))
            {
                nameEnd++;
            }
            if (nameEnd == start || !char.IsAsciiLetter(text[start]))
            {
                continue;
            }
            if (start == i + 2)
            {
                continue; // an end tag: its start tag has been reported
            }
            var tag = text[start..nameEnd].ToLowerInvariant();
            if (ForbiddenTags.Contains(tag))
            {
                errors.Add(At(path, html, i, $"不允许使用 <{tag}> 元素：文书模板只能使用 docs/templates.md 所列的 HTML 子集。"));
            }
            i = CheckAttributes(html, text, tag, nameEnd, path, errors);
        }
        return errors;
    }

    /// <summary>Reads the attributes of the tag from <paramref name="at"/> to its '&gt;' as a browser does; returns where it ended.</summary>
    private static int CheckAttributes(string html, string text, string tag, int at, string path, List<ValidationError> errors)
    {
        var i = at;
        while (i < text.Length)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '/'))
            {
                i++;
            }
            if (i >= text.Length || text[i] == '>')
            {
                return i;
            }
            var nameStart = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('=' or '>' or '/'))
            {
                i++;
            }
            var name = text[nameStart..i].ToLowerInvariant();
            var value = "";
            var j = i;
            while (j < text.Length && char.IsWhiteSpace(text[j]))
            {
                j++;
            }
            if (j < text.Length && text[j] == '=')
            {
                j++;
                while (j < text.Length && char.IsWhiteSpace(text[j]))
                {
                    j++;
                }
                if (j < text.Length && text[j] is '"' or '\'')
                {
                    var close = text.IndexOf(text[j], j + 1);
                    close = close < 0 ? text.Length : close;
                    value = text[(j + 1)..close];
                    j = Math.Min(close + 1, text.Length);
                }
                else
                {
                    var valueStart = j;
                    while (j < text.Length && !char.IsWhiteSpace(text[j]) && text[j] != '>')
                    {
                        j++;
                    }
                    value = text[valueStart..j];
                }
                i = j;
            }
            if (AttributeProblem(tag, name, value) is { } problem)
            {
                errors.Add(At(path, html, nameStart, problem));
            }
        }
        return i;
    }

    private static string? AttributeProblem(string tag, string name, string value)
    {
        if (name.StartsWith("on", StringComparison.Ordinal) && name.Length > 2)
        {
            return $"不允许使用事件属性 {name}：文书模板不能包含脚本。";
        }
        if (name is "srcdoc" or "formaction")
        {
            return $"不允许使用属性 {name}。";
        }
        var decoded = Decode(value);
        if (name == "style" && StyleCode().IsMatch(decoded))
        {
            return "style 属性不能包含 expression()、url() 或脚本地址。";
        }
        if (!UrlAttributes.Contains(name))
        {
            return null;
        }
        if (UnknownReference().IsMatch(decoded))
        {
            return $"属性 {name} 的地址含有无法识别的字符引用。";
        }
        var scheme = Scheme().Match(decoded);
        if (!scheme.Success)
        {
            return null; // relative
        }
        var kind = scheme.Groups[1].Value.ToLowerInvariant();
        return kind switch
        {
            "http" or "https" or "mailto" => null,
            "data" when tag == "img" && name == "src" && RasterImage().IsMatch(decoded) => null,
            "data" => $"属性 {name} 不能使用 data: 地址（只有 <img src> 可以是 PNG、JPEG 或 GIF 图片）。",
            _ => $"属性 {name} 不能使用 {kind}: 地址，只能使用 http、https、mailto 或相对地址。",
        };
    }

    /// <summary>The value as a browser reads it: character references decoded, and the whitespace and control characters it ignores in a scheme removed.</summary>
    private static string Decode(string value) =>
        new([.. WebUtility.HtmlDecode(value).Where(c => c > ' ' && !char.IsControl(c))]);

    /// <summary>Scriban code becomes spaces (line breaks kept): only the literal HTML is read, at its own line and column.</summary>
    private static string MaskScriban(string text) =>
        ScribanCode().Replace(text, m => new string([.. m.Value.Select(c => c == '\n' ? '\n' : ' ')]));

    private static ValidationError At(string path, string text, int index, string message)
    {
        var line = 1;
        var lineStart = 0;
        for (var k = 0; k < index; k++)
        {
            if (text[k] == '\n')
            {
                line++;
                lineStart = k + 1;
            }
        }
        return new ValidationError(path, line, index - lineStart + 1, message);
    }

    [GeneratedRegex(@"\{\{.*?(\}\}|\z)", RegexOptions.Singleline)]
    private static partial Regex ScribanCode();

    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9+.-]*):")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"&[a-zA-Z]+;|&#")]
    private static partial Regex UnknownReference();

    [GeneratedRegex(@"^data:image/(png|jpeg|gif)[;,]", RegexOptions.IgnoreCase)]
    private static partial Regex RasterImage();

    [GeneratedRegex(@"expression\s*\(|url\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding", RegexOptions.IgnoreCase)]
    private static partial Regex StyleCode();
}
