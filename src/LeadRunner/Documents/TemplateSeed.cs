using LeadRunner.Data;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents;

/// <summary>
/// Loads templates/ into the database at start when the files' fingerprint changed: a new template becomes version 1;
/// a changed file becomes a new version unless an administrator has edited the template since (then the database
/// copy stays live and the file is reported in the log). Files are published through the shared versioning, checked like an edit.
/// </summary>
public static class TemplateSeed
{
    public const string FileAuthor = "templates/ 文件";
    private const string StateKey = "template-files";

    public static async Task LoadIfChangedAsync(IServiceProvider services, string contentRoot, ILogger logger, CancellationToken ct = default)
    {
        var folder = TemplateFiles.Folder(contentRoot);
        if (!File.Exists(Path.Combine(folder, TemplateFiles.ManifestName)))
        {
            return;
        }
        var db = services.GetRequiredService<LeadRunnerDb>();
        var fingerprint = TemplateFiles.Fingerprint(folder);
        var state = await db.AppState.FindAsync([StateKey], ct);
        if (state?.Value == fingerprint)
        {
            return;
        }
        var store = services.GetRequiredService<ArtifactStore>();
        var existing = await db.DocumentTemplates.ToDictionaryAsync(t => t.Key, ct);
        foreach (var (entry, text) in TemplateFiles.Read(folder))
        {
            var hash = TemplateFiles.Hash(text);
            if (!existing.TryGetValue(entry.Key, out var template))
            {
                template = new DocumentTemplate { Key = entry.Key, Title = entry.Title, Binds = "", Text = "", UpdatedBy = FileAuthor };
                db.DocumentTemplates.Add(template);
            }
            else if (template.FileHash == hash)
            {
                Describe(template, entry);
                continue;
            }
            else if (template.UpdatedBy != FileAuthor)
            {
                logger.LogWarning("模板文件 {Key} 已变化，但数据库中的模板已由管理员修改，继续使用数据库版本。", entry.Key);
                template.FileHash = hash;
                Describe(template, entry);
                continue;
            }
            Describe(template, entry);
            template.FileHash = hash;
            // A file that does not render never replaces a live version (nor becomes the first one).
            if (await store.PublishAsync(TemplateKind.Kind, entry.Key, text, FileAuthor, "从 templates/ 文件载入", ct: ct) is VersionOutcome.Invalid invalid)
            {
                logger.LogWarning("模板文件 {Key} 有误，未载入：{Error}", entry.Key, invalid.Errors[0]);
                if (template.Version == 0)
                {
                    db.Entry(template).State = EntityState.Detached;
                }
            }
        }
        if (state is null)
        {
            db.AppState.Add(new AppState { Key = StateKey, Value = fingerprint });
        }
        else
        {
            state.Value = fingerprint;
        }
        await db.SaveChangesAsync(ct);
        services.GetRequiredService<TemplateLibrary>().Invalidate();
    }

    /// <summary>Title, annex number, bindings and blank flag follow the manifest; only the text is versioned.</summary>
    private static void Describe(DocumentTemplate template, TemplateFiles.Entry entry)
    {
        template.Title = entry.Title;
        template.Annex = entry.Annex;
        template.Binds = string.Join(',', entry.Binds);
        template.HasBlank = entry.Blank;
    }
}
