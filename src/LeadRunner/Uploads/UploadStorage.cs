using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace LeadRunner.Uploads;

/// <summary>
/// The storage folder: blobs at <c>{root}/{sha[0..2]}/{sha}</c> (content-addressed, so identical content is stored
/// once) and uploads in progress under <c>{root}/tmp</c>, on the same volume so that accepting one is a rename.
/// </summary>
public sealed class UploadStorage
{
    public UploadStorage(IOptions<UploadOptions> options, IWebHostEnvironment environment)
    {
        Root = Path.GetFullPath(options.Value.Root, environment.ContentRootPath);
        var webRoot = Path.GetFullPath(environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot"));
        if ((Root + Path.DirectorySeparatorChar).StartsWith(webRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            // Static files would serve uploads to anyone, past every check of the download endpoint.
            throw new InvalidOperationException($"配置 Uploads:Root（{Root}）不能位于网站静态文件目录 {webRoot} 之内。");
        }
        TempFolder = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(TempFolder);
    }

    public string Root { get; }
    public string TempFolder { get; }

    public string BlobPath(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("SHA-256 须为 64 位小写十六进制。", nameof(sha256));
        }
        return Path.Combine(Root, sha256[..2], sha256);
    }

    public string NewTempPath() => Path.Combine(TempFolder, $"{Guid.NewGuid():N}.part");

    /// <summary>Makes the temp file the blob of its hash; when the blob already exists the copy is dropped.</summary>
    public void Promote(string tempPath, string sha256)
    {
        var target = BlobPath(sha256);
        if (File.Exists(target))
        {
            File.Delete(tempPath);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(tempPath, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another upload of the same content won the rename; its blob is ours too.
            File.Delete(tempPath);
        }
    }

    /// <summary>Every blob file on disk with its hash (file name), for the sweep.</summary>
    public IEnumerable<(string Sha256, string Path)> Blobs()
    {
        foreach (var dir in Directory.EnumerateDirectories(Root, "??"))
        {
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(file);
                if (name.Length == 64 && name.All(char.IsAsciiHexDigitLower) && name.StartsWith(Path.GetFileName(dir), StringComparison.Ordinal))
                {
                    yield return (name, file);
                }
            }
        }
    }

    public static string ToHex(byte[] hash) => Convert.ToHexStringLower(hash);

    public static IncrementalHash NewHash() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
}
