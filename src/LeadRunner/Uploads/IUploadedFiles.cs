namespace LeadRunner.Uploads;

/// <summary>What other features may know of an uploaded file: never its path on disk.</summary>
public sealed record UploadedFileInfo(Guid Id, string FileName, string ContentType, long Size, string Sha256, string OwnerUserId, int? EnterpriseId);

/// <summary>
/// The uploads feature as forms and documents use it. A form's file field stores Form.io "url" entries whose
/// <c>url</c> is <c>/api/uploads/{id}</c>; <see cref="TryParseId"/> reads the id back.
/// </summary>
public interface IUploadedFiles
{
    /// <summary>The files among <paramref name="ids"/> that exist, whoever owns them (callers check ownership).</summary>
    Task<IReadOnlyDictionary<Guid, UploadedFileInfo>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Marks files as used by a saved submission or document, so the orphan sweep keeps them.</summary>
    Task AttachAsync(IReadOnlyCollection<Guid> ids, string attachedTo, CancellationToken cancellationToken);

    /// <summary>The stored bytes, for server-side use such as building a submission package.</summary>
    Task<Stream> OpenReadAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Binds files a staff member uploaded for an enterprise's case (e.g. the county's sealed annex 8) to that
    /// enterprise, so that staff whose region covers it may read them. Files already bound are left as they are.
    /// </summary>
    Task AssignEnterpriseAsync(IReadOnlyCollection<Guid> ids, int enterpriseId, CancellationToken cancellationToken);

    /// <summary>The canonical url of an upload, as stored in Form.io file entries.</summary>
    static string UrlFor(Guid id) => $"/api/uploads/{id}";

    /// <summary>The id in a Form.io file entry's url such as <c>/api/uploads/3f2b…</c>, if it is one of ours.</summary>
    static bool TryParseId(string? url, out Guid id)
    {
        id = Guid.Empty;
        const string Prefix = "/api/uploads/";
        if (url is null)
        {
            return false;
        }
        var start = url.IndexOf(Prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }
        var rest = url[(start + Prefix.Length)..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        return Guid.TryParse(end < 0 ? rest : rest[..end], out id);
    }
}
