using LeadRunner.Data;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents;

/// <summary>
/// Document templates as versioned artifacts. A text is published only when it parses and renders the sample data
/// (filled and, where a blank version exists, blank) into a Word file; otherwise the live version keeps serving.
/// The template's live copy (<see cref="DocumentTemplate"/>) follows each publish.
/// </summary>
public sealed class TemplateKind(LeadRunnerDb db, DocumentRenderer renderer, HtmlToDocx docx, TemplateSamples samples, TimeProvider clock) : ArtifactKind
{
    public const string Kind = "template";
    public const int MaxLength = 200_000;

    public override string Name => Kind;
    public override string Noun => "文书模板";
    public override string MediaType => "text/plain";

    public override string FileName(string key, int version) => $"{key}.v{version}.sbn-html";

    public override async Task<ArtifactCheck> CheckAsync(string key, string content, CancellationToken ct)
    {
        // A template a round bundle brings is added (tracked, unsaved) before its text is checked.
        var template = await db.DocumentTemplates.FindAsync([key], ct);
        if (template is null)
        {
            return ArtifactCheck.Failed("key", $"文书模板“{key}”不存在。");
        }
        // A browser's text area sends CRLF: line endings are not a change of the template.
        content = content.ReplaceLineEndings("\n");
        var errors = Check(key, content, template.HasBlank);
        return errors.Count > 0 ? ArtifactCheck.Failed(errors) : ArtifactCheck.Ok(content, template.Title);
    }

    /// <summary>Every problem of <paramref name="text"/> as a template for <paramref name="key"/>, with line and column; empty when it may go live.</summary>
    public IReadOnlyList<ValidationError> Check(string key, string? text, bool hasBlank)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [new ValidationError("text", 1, 1, "模板内容不能为空。")];
        }
        if (text.Length > MaxLength)
        {
            return [new ValidationError("text", 1, 1, $"模板内容超过 {MaxLength} 个字符。")];
        }
        if (TemplateHtml.Check(text) is { Count: > 0 } unsafeHtml)
        {
            return unsafeHtml;
        }
        var runs = new List<(string Label, DocumentData Data, bool Blank)> { ("示例数据", samples.Filled(key), false) };
        if (hasBlank)
        {
            runs.Add(("空白版", samples.Blank(), true));
        }
        foreach (var (label, data, blank) in runs)
        {
            var outcome = renderer.RenderText(text, data, blank, sanitise: false);
            if (!outcome.Ok)
            {
                return [.. outcome.Errors.Select(e => new ValidationError("text", e.Line, e.Column,
                    e.Message.StartsWith("语法错误", StringComparison.Ordinal) ? e.Message : $"用{label}渲染失败：{e.Message}"))];
            }
            if (TemplateHtml.Check(outcome.Html!) is [var produced, ..])
            {
                return [new ValidationError("text", 1, 1, $"用{label}渲染的结果（第 {produced.Line} 行第 {produced.Column} 列）{produced.Message}")];
            }
            try
            {
                docx.Convert(outcome.Html!);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
            {
                return [new ValidationError("text", 1, 1, $"用{label}生成 Word 文件失败：{ex.Message}")];
            }
        }
        return [];
    }

    public override async Task<PublishEffects> PublishingAsync(ArtifactVersion version, PublishContext context, CancellationToken ct)
    {
        var template = (await db.DocumentTemplates.FindAsync([version.Key], ct))!;
        template.Version = version.Version!.Value;
        template.Text = version.Content;
        template.UpdatedAt = version.PublishedAt!.Value;
        template.UpdatedBy = version.PublishedBy!;
        return PublishEffects.None;
    }

    public override void Published(ArtifactVersion version) => renderer.Library.Invalidate();

    public override IReadOnlyList<VersionChange> Compare(string before, string after) => TextChanges.Compare(before, after);

    /// <summary>A template a round bundle brings and this installation lacks: added with the bundle's title, annex, data and blank flag.</summary>
    public async Task AddIfMissingAsync(TemplateFiles.Entry entry, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (await db.DocumentTemplates.FindAsync([entry.Key], ct) is null)
        {
            db.DocumentTemplates.Add(new DocumentTemplate
            {
                Key = entry.Key, Title = entry.Title, Annex = entry.Annex, Binds = string.Join(',', entry.Binds), HasBlank = entry.Blank,
                Version = 0, Text = "", UpdatedAt = clock.GetUtcNow(), UpdatedBy = user,
            });
        }
    }
}
