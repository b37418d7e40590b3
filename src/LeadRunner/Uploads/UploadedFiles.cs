using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Uploads;

/// <summary>The uploads feature as other features see it: look-up, attachment and reading, with no scoping (callers check).</summary>
public sealed class UploadedFiles(LeadRunnerDb db, UploadStorage storage, TimeProvider clock) : IUploadedFiles
{
    public async Task<IReadOnlyDictionary<Guid, UploadedFileInfo>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, UploadedFileInfo>();
        }
        var distinct = ids.Distinct().ToArray();
        var files = await db.StoredFiles.AsNoTracking().Where(f => distinct.Contains(f.Id)).ToListAsync(cancellationToken);
        return files.ToDictionary(f => f.Id, f => f.ToInfo());
    }

    public async Task AttachAsync(IReadOnlyCollection<Guid> ids, string attachedTo, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attachedTo);
        var distinct = ids.Distinct().ToArray();
        var now = clock.GetUtcNow();
        var label = attachedTo.Length > 200 ? attachedTo[..200] : attachedTo;
        // The first attachment is kept: a file once in use is never swept, whatever else uses it later.
        await db.StoredFiles.Where(f => distinct.Contains(f.Id) && f.AttachedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.AttachedTo, label).SetProperty(f => f.AttachedAt, now), cancellationToken);
    }

    public async Task AssignEnterpriseAsync(IReadOnlyCollection<Guid> ids, int enterpriseId, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToArray();
        await db.StoredFiles.Where(f => distinct.Contains(f.Id) && f.EnterpriseId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.EnterpriseId, enterpriseId), cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(Guid id, CancellationToken cancellationToken)
    {
        var sha = await db.StoredFiles.AsNoTracking().Where(f => f.Id == id).Select(f => f.Sha256).FirstOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"上传文件 {id} 不存在。");
        return new FileStream(storage.BlobPath(sha), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
    }
}
