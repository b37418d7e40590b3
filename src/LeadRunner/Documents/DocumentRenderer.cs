using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LeadRunner.Forms;
using LeadRunner.Hosting;
using LeadRunner.Scripting;

namespace LeadRunner.Documents;

/// <summary>
/// Renders a template with data to the HTML subset of docs/templates.md, in the sandbox (templates see only the
/// data; loops, recursion and time are limited). Missing data shows as "（待填写）", or a blank line in blank versions.
/// </summary>
public sealed partial class DocumentRenderer(ScriptSandbox sandbox, TemplateLibrary library, FormOptionLabels? optionLabels = null)
{
    private static readonly Lazy<string> Css = new(() =>
    {
        using var stream = typeof(DocumentRenderer).Assembly.GetManifestResourceStream("LeadRunner.Documents.document.css")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The print style sheet of documents (A4, GB/T 9704 margins, Chinese official fonts).</summary>
    public static string StyleSheet => Css.Value;

    public sealed record Failure(string Message, int Line, int Column);

    /// <summary>The rendered fragment, or where the text failed (syntax or runtime).</summary>
    public sealed record Outcome(string? Html, IReadOnlyList<Failure> Errors)
    {
        public bool Ok => Html is not null;
    }

    public TemplateLibrary Library => library;

    /// <summary>The live template <paramref name="key"/> with <paramref name="data"/>, as an &lt;article class="doc"&gt; fragment.</summary>
    public string Render(string key, DocumentData data, bool blank = false, int? version = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var template = library.Find(key, version) ?? throw new KeyNotFoundException($"文书模板“{key}”{(version is null ? "" : $"第 {version} 版")}不存在。");
        var outcome = RenderText(template.Text, data, blank);
        return outcome.Html ?? throw new ScriptFailureException($"文书模板“{template.Title}”渲染失败：{outcome.Errors[0].Message}");
    }

    /// <summary>A whole HTML page for the screen and for printing, its style sheet inlined so it needs nothing else.</summary>
    public string RenderPage(string key, DocumentData data, bool blank = false, int? version = null) =>
        Page(library.Find(key)?.Title ?? key, Render(key, data, blank, version));

    /// <summary>
    /// Renders any text (an administrator's unsaved edit) without throwing: syntax and runtime errors come back with
    /// line and column. Unsanitised output is only for the save check (<see cref="TemplateKind.Check"/>), which refuses what the sanitiser would remove.
    /// </summary>
    public Outcome RenderText(string text, DocumentData data, bool blank = false, bool sanitise = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        var parsed = sandbox.ParseTemplate(text ?? "");
        if (!parsed.Ok)
        {
            return new Outcome(null, [.. parsed.Errors.Select(e => new Failure($"语法错误：{e.Message}", e.Line, e.Column))]);
        }
        try
        {
            var body = sandbox.RenderDocument(parsed.Template!, data.Globals(blank), blank ? DocumentHelpers.Blank : DocumentHelpers.Filled,
                DocumentHelpers.OptionLabels(optionLabels, blank, RoundYear(data)));
            // Second line of defence behind the save check (TemplateHtml): whatever a template or its data produced, no script survives.
            return new Outcome($"<article class=\"doc\">\n{(sanitise ? SafeHtml.Sanitize(body) : body)}{Stamp(data)}</article>\n", []);
        }
        catch (ScriptFailureException ex)
        {
            var at = Position().Match(ex.Message);
            return new Outcome(null, [new Failure(ex.Message, at.Success ? int.Parse(at.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1,
                at.Success ? int.Parse(at.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 1)]);
        }
    }

    /// <summary>The round a document belongs to, from its settings: option labels come from that round's form versions.</summary>
    private static int? RoundYear(DocumentData data) =>
        data.Programme?["year"] is System.Text.Json.Nodes.JsonValue year && year.TryGetValue<int>(out var y) ? y : null;

    public static string Page(string title, string fragment) =>
        $"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\" />\n<title>{WebUtility.HtmlEncode(title)}</title>\n<style>\n{StyleSheet}</style>\n</head>\n<body class=\"doc-page\">\n{fragment}</body>\n</html>\n";

    /// <summary>The verification mark of an issued document (code, QR, where to check it); nothing when absent.</summary>
    private static string Stamp(DocumentData data)
    {
        if (data.Document is not System.Text.Json.Nodes.JsonObject document || DocumentHelpers.Text(document["code"]?.ToString()) is not { } code)
        {
            return "";
        }
        var html = new StringBuilder("<div class=\"verify\">");
        if (document["qrDataUri"]?.ToString() is { } qr && qr.StartsWith("data:image/png;base64,", StringComparison.Ordinal))
        {
            html.Append("<img class=\"qr\" alt=\"核验二维码\" src=\"").Append(WebUtility.HtmlEncode(qr)).Append("\" />");
        }
        html.Append("<p class=\"noindent\">验证码：").Append(WebUtility.HtmlEncode(code));
        if (document["issuedAt"]?.ToString() is { Length: >= 10 } issued)
        {
            html.Append("　生成日期：").Append(WebUtility.HtmlEncode(issued[..10]));
        }
        html.Append("</p>");
        if (document["verifyUrl"]?.ToString() is { Length: > 0 } url)
        {
            html.Append("<p class=\"noindent\">核验网址：").Append(WebUtility.HtmlEncode(url)).Append("</p>");
        }
        return html.Append("</div>\n").ToString();
    }

    [GeneratedRegex("第 (\\d+) 行第 (\\d+) 列")]
    private static partial Regex Position();
}
