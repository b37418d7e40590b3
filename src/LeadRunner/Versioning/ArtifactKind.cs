namespace LeadRunner.Versioning;

/// <summary>
/// What one kind of artifact plugs into the shared versioning (<see cref="ArtifactStore"/>): how its content is
/// checked, what publishing it sets going and how two versions compare. Everything else — drafts, numbering,
/// rollback, retraction, audit, export — is the same for every kind.
/// </summary>
public abstract class ArtifactKind
{
    /// <summary>The kind's name in storage and addresses: workflow, form, template, settings, rule.</summary>
    public abstract string Name { get; }

    /// <summary>What administrators call it: 流程, 表单, 文书模板…</summary>
    public abstract string Noun { get; }

    /// <summary>
    /// Whether the system administrator's generic /api/versions routes handle this kind; site content is the
    /// publishers' own (/api/content), so that publishing stays with them.
    /// </summary>
    public virtual bool SystemAdministered => true;

    /// <summary>What the audit log files its changes under.</summary>
    public virtual string AuditKind => Audit.AuditKinds.Configuration;

    /// <summary>Whether publishing a draft must say why.</summary>
    public virtual bool NoteRequired => false;

    public virtual string FileName(string key, int version) => $"{key}.v{version}.json";

    public virtual string MediaType => "application/json";

    /// <summary>Checks <paramref name="content"/> as a version of <paramref name="key"/>: the content to store (normalised) and its title, or every problem.</summary>
    public abstract Task<ArtifactCheck> CheckAsync(string key, string content, CancellationToken ct);

    /// <summary>Refuses a publish before anything is written (cases stranded, a list entry still in use…); null lets it go on.</summary>
    public virtual Task<VersionOutcome?> RefuseAsync(string key, string content, PublishOptions options, CancellationToken ct) =>
        Task.FromResult<VersionOutcome?>(null);

    /// <summary>The content as frozen under <paramref name="number"/> (a workflow records its number inside).</summary>
    public virtual string Stamp(string content, int number) => content;

    /// <summary>
    /// Inside the publish's transaction, once the version is tracked: keeps what depends on it in step (current
    /// copies, migrated cases, re-planned deadlines). Nothing here may refuse; <see cref="RefuseAsync"/> has.
    /// </summary>
    public virtual Task<PublishEffects> PublishingAsync(ArtifactVersion version, PublishContext context, CancellationToken ct) =>
        Task.FromResult(PublishEffects.None);

    /// <summary>After the publish is committed: forget what was cached.</summary>
    public virtual void Published(ArtifactVersion version)
    {
    }

    /// <summary>The audit action of a change; a kind may name its changes more precisely.</summary>
    public virtual string AuditAction(VersionOperation operation, ArtifactVersion? before, ArtifactVersion after) => operation switch
    {
        VersionOperation.Draft => $"保存{Noun}草稿",
        VersionOperation.Rollback => $"回滚{Noun}",
        VersionOperation.Retract => $"撤回{Noun}版本",
        VersionOperation.Import => $"导入{Noun}",
        _ when before is null => $"新增{Noun}",
        _ => $"发布{Noun}",
    };

    /// <summary>What changed from one version's content to another's, in the administrator's terms.</summary>
    public abstract IReadOnlyList<VersionChange> Compare(string before, string after);
}

public enum VersionOperation
{
    Draft,
    Publish,
    Rollback,
    Retract,
    Import,
}

/// <summary>The outcome of <see cref="ArtifactKind.CheckAsync"/>: normalised content and title, or the problems.</summary>
public sealed record ArtifactCheck(string? Content, string? Title, IReadOnlyList<ValidationError> Errors)
{
    public bool Valid => Content is not null;

    public static ArtifactCheck Ok(string content, string title) => new(content, title, []);

    public static ArtifactCheck Failed(IReadOnlyList<ValidationError> errors) => new(null, null, errors);

    public static ArtifactCheck Failed(string path, string message) => new(null, null, [ValidationError.At(path, message)]);
}

/// <summary>
/// How to publish: whether running cases move to the new workflow version (and where stranded steps go), the version
/// the editor started from (refused when someone published since), and whether a year's settings may be created.
/// </summary>
public sealed record PublishOptions(bool Migrate = false, IReadOnlyDictionary<string, string>? StepMapping = null, int? ExpectedCurrent = null, bool Create = false)
{
    public static readonly PublishOptions Default = new();
}

/// <summary>What a kind's publishing hook can use: the store (to publish what follows from it) and who publishes.</summary>
public sealed record PublishContext(ArtifactStore Store, PublishOptions Options, string User);

/// <summary>What a publish set going besides the new version.</summary>
public sealed record PublishEffects(int Replanned = 0, IReadOnlyList<string>? GeneratedRules = null)
{
    public static readonly PublishEffects None = new();
}

/// <summary>One difference between two versions: where, what kind of change (新增/删除/修改) and the two values as text.</summary>
public sealed record VersionChange(string Change, string Path, string? Before, string? After);
