using System.Collections.Concurrent;
using LeadRunner.Tests.TestHost;
using LeadRunner.Uploads;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Forms;

/// <summary>
/// Uploaded files held in memory: a test double for the uploads feature (built on its own branch), so that the
/// forms tests control which files exist and who owns them.
/// </summary>
public sealed class InMemoryUploadedFiles : IUploadedFiles
{
    public ConcurrentDictionary<Guid, UploadedFileInfo> Files { get; } = new();
    public ConcurrentDictionary<Guid, string> Attached { get; } = new();

    public UploadedFileInfo Add(string ownerUserId, string fileName = "证明.pdf", string contentType = "application/pdf", long size = 1024)
    {
        var info = new UploadedFileInfo(Guid.NewGuid(), fileName, contentType, size, new string('a', 64), ownerUserId, null);
        Files[info.Id] = info;
        return info;
    }

    public Task<IReadOnlyDictionary<Guid, UploadedFileInfo>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, UploadedFileInfo>>(ids.Where(Files.ContainsKey).Distinct().ToDictionary(id => id, id => Files[id]));

    public Task AttachAsync(IReadOnlyCollection<Guid> ids, string attachedTo, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            Attached[id] = attachedTo;
        }
        return Task.CompletedTask;
    }

    public Task<Stream> OpenReadAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult<Stream>(new MemoryStream([1, 2, 3]));

    public Task AssignEnterpriseAsync(IReadOnlyCollection<Guid> ids, int enterpriseId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The app with the in-memory uploads double registered.</summary>
public sealed class FormsFactory : LeadRunnerFactory
{
    public InMemoryUploadedFiles Uploads { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IUploadedFiles>(Uploads));
    }

    /// <summary>The Identity user id of a demo account, as file ownership records it.</summary>
    public string UserId(string userName)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunner.Data.LeadRunnerDb>();
        return db.Users.Single(u => u.UserName == userName).Id;
    }
}
