using System.Security.Cryptography;
using System.Text.Json;

namespace LeadRunner.Operations;

/// <summary>
/// manifest.json of a backup: every file with its size and SHA-256, the schema's last migration and the time. A
/// restore checks every file against it before touching the installation.
/// </summary>
public sealed record BackupManifest(string Format, DateTimeOffset CreatedAt, string? LastMigration, IReadOnlyList<BackupManifest.Entry> Files)
{
    public const string FileName = "manifest.json";
    public const string FormatName = "leadrunner-backup/1";

    public sealed record Entry(string Path, long Size, string Sha256);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Lists every file under <paramref name="folder"/> (paths with '/', sorted) with its size and hash.</summary>
    public static async Task<List<Entry>> DescribeAsync(string folder, CancellationToken cancellationToken)
    {
        var entries = new List<Entry>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = System.IO.Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (relative != FileName)
            {
                entries.Add(new Entry(relative, new FileInfo(file).Length, await HashAsync(file, cancellationToken)));
            }
        }
        return entries;
    }

    public async Task WriteAsync(string folder, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(System.IO.Path.Combine(folder, FileName));
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
    }

    /// <summary>The manifest of a backup folder, or why it cannot be used: a Chinese message naming the first bad file.</summary>
    public static async Task<(BackupManifest? Manifest, string? Problem)> VerifyAsync(string folder, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return (null, $"备份目录 {folder} 中没有 {FileName}，不是有效的备份。");
        }
        BackupManifest? manifest;
        try
        {
            await using var stream = File.OpenRead(path);
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            return (null, $"{FileName} 无法读取：{ex.Message}");
        }
        if (manifest is not { Format: FormatName, Files: not null })
        {
            return (null, $"{FileName} 不是本系统的备份清单（应为 {FormatName} 格式）。");
        }
        var listed = manifest.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in manifest.Files)
        {
            var file = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, entry.Path));
            if (!file.StartsWith(System.IO.Path.GetFullPath(folder) + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return (null, $"备份清单中的路径 {entry.Path} 指向备份目录之外。");
            }
            if (!File.Exists(file))
            {
                return (null, $"备份文件缺失：{entry.Path}。");
            }
            if (new FileInfo(file).Length != entry.Size || await HashAsync(file, cancellationToken) != entry.Sha256)
            {
                return (null, $"备份文件 {entry.Path} 与清单记录的大小或 SHA-256 不符：文件已损坏或被修改。");
            }
        }
        if ((await DescribeAsync(folder, cancellationToken)).FirstOrDefault(f => !listed.Contains(f.Path)) is { } extra)
        {
            return (null, $"备份目录中有清单未列出的文件：{extra.Path}。");
        }
        return (manifest, null);
    }

    private static async Task<string> HashAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
