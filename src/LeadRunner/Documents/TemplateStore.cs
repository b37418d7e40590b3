using LeadRunner.Admin;
using LeadRunner.Data;
using LeadRunner.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents;

/// <summary>
/// Administrators' changes to templates. A text goes live only when it parses and renders the sample data (filled and,
/// where a blank version exists, blank) into a Word file; otherwise the live version keeps serving.
/// </summary>
public sealed class TemplateStore(LeadRunnerDb db, DocumentRenderer renderer, HtmlToDocx docx, TemplateSamples samples, AuditLog audit, TimeProvider clock)
{
    public abstract record Outcome
    {
        public sealed record Saved(DocumentTemplate Template) : Outcome;
        public sealed record Invalid(IReadOnlyList<ValidationError> Errors) : Outcome;
        public sealed record NotFound(string Message) : Outcome;
        public sealed record Conflict(string Message) : Outcome;
    }

    public const int MaxLength = 200_000;

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
        var runs = new List<(string Label, DocumentData Data, bool Blank)> { ("示例数据", samples.Filled(key), false) };
        if (hasBlank)
        {
            runs.Add(("空白版", samples.Blank(), true));
        }
        foreach (var (label, data, blank) in runs)
        {
            var outcome = renderer.RenderText(text, data, blank);
            if (!outcome.Ok)
            {
                return [.. outcome.Errors.Select(e => new ValidationError("text", e.Line, e.Column,
                    e.Message.StartsWith("语法错误", StringComparison.Ordinal) ? e.Message : $"用{label}渲染失败：{e.Message}"))];
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

    public async Task<Outcome> SaveAsync(string key, string? text, string? note, int? baseVersion, string user, CancellationToken ct)
    {
        if (await db.DocumentTemplates.FirstOrDefaultAsync(t => t.Key == key, ct) is not { } template)
        {
            return new Outcome.NotFound($"文书模板“{key}”不存在。");
        }
        if (baseVersion is { } based && based != template.Version)
        {
            return new Outcome.Conflict($"模板“{template.Title}”已被他人修改为第 {template.Version} 版，请刷新后再保存。");
        }
        var errors = Check(key, text, template.HasBlank);
        if (errors.Count > 0)
        {
            return new Outcome.Invalid(errors);
        }
        return await AddVersionAsync(template, text!, note, user, "修改文书模板", ct);
    }

    public async Task<Outcome> RollbackAsync(string key, int version, string? note, string user, CancellationToken ct)
    {
        if (await db.DocumentTemplates.FirstOrDefaultAsync(t => t.Key == key, ct) is not { } template)
        {
            return new Outcome.NotFound($"文书模板“{key}”不存在。");
        }
        if (await db.DocumentTemplateVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Key == key && v.Version == version, ct) is not { } old)
        {
            return new Outcome.NotFound($"模板“{template.Title}”没有第 {version} 版。");
        }
        if (version == template.Version)
        {
            return new Outcome.Conflict($"第 {version} 版已是当前版本。");
        }
        // An old text is checked again: the settings or sample data may have changed since it was live.
        var errors = Check(key, old.Text, template.HasBlank);
        if (errors.Count > 0)
        {
            return new Outcome.Invalid(errors);
        }
        var why = string.IsNullOrWhiteSpace(note) ? $"回滚到第 {version} 版" : $"回滚到第 {version} 版：{note.Trim()}";
        return await AddVersionAsync(template, old.Text, why, user, "回滚文书模板", ct);
    }

    /// <summary>
    /// A template text brought by a round bundle, checked like an edit and saved as a new version. A template this
    /// installation lacks is created with the bundle's title, annex, data and blank flag; an existing one keeps its own.
    /// </summary>
    public async Task<Outcome> ImportAsync(TemplateFiles.Entry entry, string text, string note, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var template = await db.DocumentTemplates.FirstOrDefaultAsync(t => t.Key == entry.Key, ct);
        var errors = Check(entry.Key, text, template?.HasBlank ?? entry.Blank);
        if (errors.Count > 0)
        {
            return new Outcome.Invalid(errors);
        }
        if (template is null)
        {
            template = new DocumentTemplate
            {
                Key = entry.Key, Title = entry.Title, Annex = entry.Annex, Binds = string.Join(',', entry.Binds), HasBlank = entry.Blank,
                Version = 0, Text = text, UpdatedAt = clock.GetUtcNow(), UpdatedBy = user,
            };
            db.DocumentTemplates.Add(template);
        }
        return await AddVersionAsync(template, text, note, user, "导入文书模板", ct);
    }

    /// <summary>A new version, never overwriting an old one, so history keeps who changed what, when and why.</summary>
    private async Task<Outcome> AddVersionAsync(DocumentTemplate template, string text, string? note, string user, string action, CancellationToken ct)
    {
        var before = template.Version;
        var now = clock.GetUtcNow();
        template.Version = before + 1;
        template.Text = text;
        template.UpdatedAt = now;
        template.UpdatedBy = user;
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        db.DocumentTemplateVersions.Add(new DocumentTemplateVersion
        {
            Key = template.Key, Version = template.Version, Text = text, At = now, By = user,
            Note = trimmed is { Length: > 500 } ? trimmed[..500] : trimmed,
        });
        audit.Record(action, $"{template.Title}（{template.Key}）", $"第 {before} 版", $"第 {template.Version} 版", trimmed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Outcome.Conflict($"模板“{template.Title}”刚被他人修改，请刷新后再保存。");
        }
        renderer.Library.Invalidate();
        return new Outcome.Saved(template);
    }
}
