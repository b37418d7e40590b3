using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Forms;

/// <summary>
/// Form definitions as versioned artifacts: read by <see cref="FormSchemaReader"/> (which refuses what the server
/// cannot check), stored indented, published with a note saying why. A form has at most one draft, which the
/// designer saves in place.
/// </summary>
public sealed class FormKind(LeadRunnerDb db) : ArtifactKind
{
    public const string Kind = "form";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override string Name => Kind;
    public override string Noun => "表单";
    public override bool NoteRequired => true;

    public override string FileName(string key, int version) => $"{key}.form.json";

    public override Task<ArtifactCheck> CheckAsync(string key, string content, CancellationToken ct)
    {
        var read = FormSchemaReader.Read(content);
        return Task.FromResult(read.Definition switch
        {
            null => ArtifactCheck.Failed(read.Errors),
            { } d when d.Key != key => ArtifactCheck.Failed("$.key", $"表单定义中的 key“{d.Key}”与所编辑的表单“{key}”不一致。"),
            { } d => ArtifactCheck.Ok(Normalise(FormHtml.Sanitise(read.Json!)), d.Title),
        });
    }

    public override IReadOnlyList<VersionChange> Compare(string before, string after) =>
        [.. FormDiff.Compare(JsonNode.Parse(before)!.AsObject(), JsonNode.Parse(after)!.AsObject())
            .Select(c => new VersionChange(c.Kind switch { "added" => JsonChanges.Added, "removed" => JsonChanges.Removed, _ => JsonChanges.Changed },
                c.Label.Length > 0 ? $"{c.Label}（{c.Path}）" : c.Path, c.Before, c.After))];

    /// <summary>The form's one draft, if it has one.</summary>
    public Task<ArtifactVersion?> DraftAsync(string key, CancellationToken ct) =>
        db.ArtifactVersions.Of(Kind, key).Where(v => v.State == VersionState.Draft).OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);

    /// <summary>Saves the designer's work as the form's one draft.</summary>
    public async Task<VersionOutcome> SaveDraftAsync(ArtifactStore store, string key, string json, string user, string? note, CancellationToken ct = default) =>
        await store.SaveDraftAsync(Kind, key, json, user, note, (await DraftAsync(key, ct))?.Id, ct);

    /// <summary>An exported file read back as its form's draft (replacing any draft), to review before publishing.</summary>
    public async Task<VersionOutcome> ImportAsync(ArtifactStore store, string json, string user, CancellationToken ct = default)
    {
        var read = FormSchemaReader.Read(json);
        return read.Definition is null
            ? new VersionOutcome.Invalid(read.Errors)
            : await SaveDraftAsync(store, read.Definition.Key, json, user, "从文件导入", ct);
    }

    /// <summary>Seeds from workflows/forms: a file is published when it differs from the form's current version.</summary>
    public static async Task LoadFilesAsync(ArtifactStore store, string folder, ILogger logger, CancellationToken ct = default)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.form.json").Order(StringComparer.Ordinal))
        {
            var json = await File.ReadAllTextAsync(file, ct);
            var key = FormSchemaReader.Read(json).Definition?.Key ?? Path.GetFileName(file).Replace(".form.json", "", StringComparison.Ordinal);
            if (await store.PublishAsync(Kind, key, json, "系统", $"从 workflows/forms/{Path.GetFileName(file)} 载入", ct: ct) is VersionOutcome.Invalid invalid)
            {
                logger.LogError("Form file {File} is invalid: {Errors}", file, string.Join("; ", invalid.Errors));
            }
        }
    }

    /// <summary>Stored indented, so that export writes the same file format an administrator can read and diff.</summary>
    public static string Normalise(JsonObject json) => json.ToJsonString(Indented);
}
