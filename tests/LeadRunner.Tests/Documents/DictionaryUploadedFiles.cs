using System.Collections.Concurrent;
using System.Security.Cryptography;
using LeadRunner.Uploads;

namespace LeadRunner.Tests.Documents;

/// <summary>The uploads contract over a dictionary, for tests that need uploaded files without the uploads feature.</summary>
public sealed class DictionaryUploadedFiles : IUploadedFiles
{
    private readonly ConcurrentDictionary<Guid, (UploadedFileInfo Info, byte[] Bytes)> _files = new();

    private int _openCount;

    public int OpenCount => Volatile.Read(ref _openCount);

    public UploadedFileInfo Add(string fileName, byte[] bytes, int? enterpriseId)
    {
        var info = new UploadedFileInfo(Guid.NewGuid(), fileName, "application/pdf", bytes.LongLength,
            Convert.ToHexStringLower(SHA256.HashData(bytes)), "test", enterpriseId);
        _files[info.Id] = (info, bytes);
        return info;
    }

    public Task<IReadOnlyDictionary<Guid, UploadedFileInfo>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, UploadedFileInfo>>(ids.Where(_files.ContainsKey).Distinct().ToDictionary(id => id, id => _files[id].Info));

    public Task AttachAsync(IReadOnlyCollection<Guid> ids, string attachedTo, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AssignEnterpriseAsync(IReadOnlyCollection<Guid> ids, int enterpriseId, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            if (_files.TryGetValue(id, out var file) && file.Info.EnterpriseId is null)
            {
                _files[id] = (file.Info with { EnterpriseId = enterpriseId }, file.Bytes);
            }
        }
        return Task.CompletedTask;
    }

    public Task<Stream> OpenReadAsync(Guid id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _openCount);
        return Task.FromResult<Stream>(new MemoryStream(_files[id].Bytes, writable: false));
    }
}
