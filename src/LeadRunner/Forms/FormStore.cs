using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Admin;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Forms;

/// <summary>Drafts, publishing, rollback and import of form definitions; every change is audited.</summary>
public sealed class FormStore(LeadRunnerDb db, TimeProvider clock, AuditLog audit)
{
    public abstract record Outcome
    {
        public sealed record Saved(FormVersion Version) : Outcome;
        public sealed record Invalid(IReadOnlyList<SchemaError> Errors) : Outcome;
        public sealed record NotFound(string Message) : Outcome;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Saves the form's one draft (creating it from the current version's number as its base).</summary>
    public async Task<Outcome> SaveDraftAsync(string key, string json, string user, string? note, CancellationToken ct = default)
    {
        var read = FormSchemaReader.Read(json);
        if (read.Definition is null)
        {
            return new Outcome.Invalid(read.Errors);
        }
        if (read.Definition.Key != key)
        {
            return new Outcome.Invalid([new SchemaError("$.key", $"表单定义中的 key“{read.Definition.Key}”与所编辑的表单“{key}”不一致。")]);
        }
        var draft = await db.FormVersions.FirstOrDefaultAsync(v => v.FormKey == key && v.Version == null, ct);
        var current = await CurrentNumberAsync(key, ct);
        if (draft is null)
        {
            draft = new FormVersion { FormKey = key, Title = read.Definition.Title, Json = Normalise(read.Json!), CreatedAt = clock.GetUtcNow(), CreatedBy = user, BasedOnVersion = current, Note = note };
            db.FormVersions.Add(draft);
        }
        else
        {
            draft.Title = read.Definition.Title;
            draft.Json = Normalise(read.Json!);
            draft.Note = note ?? draft.Note;
        }
        audit.Record("保存表单草稿", $"表单 {key}", reason: note);
        await db.SaveChangesAsync(ct);
        return new Outcome.Saved(draft);
    }

    public async Task<Outcome> PublishAsync(string key, string user, string? note, CancellationToken ct = default)
    {
        var draft = await db.FormVersions.FirstOrDefaultAsync(v => v.FormKey == key && v.Version == null, ct);
        if (draft is null)
        {
            return new Outcome.NotFound($"表单“{key}”没有待发布的草稿。");
        }
        if (string.IsNullOrWhiteSpace(note))
        {
            return new Outcome.Invalid([new SchemaError("note", "请填写发布说明（为什么修改）。")]);
        }
        var read = FormSchemaReader.Read(draft.Json);
        if (read.Definition is null)
        {
            return new Outcome.Invalid(read.Errors);
        }
        draft.Version = (await CurrentNumberAsync(key, ct) ?? 0) + 1;
        draft.PublishedAt = clock.GetUtcNow();
        draft.PublishedBy = user;
        draft.Note = note.Trim();
        audit.Record("发布表单", $"表单 {key} 版本 {draft.Version}", reason: draft.Note);
        await db.SaveChangesAsync(ct);
        return new Outcome.Saved(draft);
    }

    /// <summary>Publishes an old version's JSON again as a new version; history stays intact.</summary>
    public async Task<Outcome> RollbackAsync(string key, int version, string user, string? note, CancellationToken ct = default)
    {
        var old = await db.FormVersions.AsNoTracking().FirstOrDefaultAsync(v => v.FormKey == key && v.Version == version, ct);
        if (old is null)
        {
            return new Outcome.NotFound($"表单“{key}”没有版本 {version}。");
        }
        var why = string.IsNullOrWhiteSpace(note) ? $"回滚到版本 {version}" : note.Trim();
        return await PublishNewAsync(key, old.Title, old.Json, user, why, version, ct);
    }

    /// <summary>An exported file read back as the form's draft (replacing any draft), to review before publishing.</summary>
    public async Task<Outcome> ImportAsync(string json, string user, CancellationToken ct = default)
    {
        var read = FormSchemaReader.Read(json);
        return read.Definition is null
            ? new Outcome.Invalid(read.Errors)
            : await SaveDraftAsync(read.Definition.Key, json, user, "从文件导入", ct);
    }

    /// <summary>A form brought by a round bundle, published at once as a new version; a draft the form has is left as it is.</summary>
    public async Task<Outcome> PublishImportedAsync(string json, string user, string note, CancellationToken ct = default)
    {
        var read = FormSchemaReader.Read(json);
        return read.Definition is null
            ? new Outcome.Invalid(read.Errors)
            : await PublishNewAsync(read.Definition.Key, read.Definition.Title, Normalise(read.Json!), user, note, null, ct);
    }

    /// <summary>Seeds from workflows/forms: publishes a file only when it differs from the form's current version.</summary>
    public async Task LoadFilesAsync(string folder, ILogger logger, CancellationToken ct = default)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.form.json").Order(StringComparer.Ordinal))
        {
            var read = FormSchemaReader.Read(await File.ReadAllTextAsync(file, ct));
            if (read.Definition is null)
            {
                logger.LogError("Form file {File} is invalid: {Errors}", file, string.Join("; ", read.Errors.Select(e => $"{e.Path}: {e.Message}")));
                continue;
            }
            var key = read.Definition.Key;
            var json = Normalise(read.Json!);
            var current = await db.FormVersions.AsNoTracking().Where(v => v.FormKey == key && v.Version != null)
                .OrderByDescending(v => v.Version).Select(v => v.Json).FirstOrDefaultAsync(ct);
            if (current is null || !JsonNode.DeepEquals(JsonNode.Parse(current), JsonNode.Parse(json)))
            {
                await PublishNewAsync(key, read.Definition.Title, json, "系统", $"从 workflows/forms/{Path.GetFileName(file)} 载入", null, ct);
            }
        }
    }

    private async Task<Outcome> PublishNewAsync(string key, string title, string json, string user, string note, int? basedOn, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var version = new FormVersion
        {
            FormKey = key, Title = title, Json = json, CreatedAt = now, CreatedBy = user, PublishedAt = now, PublishedBy = user,
            Note = note, BasedOnVersion = basedOn, Version = (await CurrentNumberAsync(key, ct) ?? 0) + 1,
        };
        db.FormVersions.Add(version);
        audit.Record("发布表单", $"表单 {key} 版本 {version.Version}", reason: note);
        await db.SaveChangesAsync(ct);
        return new Outcome.Saved(version);
    }

    private Task<int?> CurrentNumberAsync(string key, CancellationToken ct) =>
        db.FormVersions.Where(v => v.FormKey == key && v.Version != null).MaxAsync(v => v.Version, ct);

    /// <summary>Stored indented, so that export writes the same file format an administrator can read and diff.</summary>
    public static string Normalise(JsonObject json) => json.ToJsonString(Indented);
}
