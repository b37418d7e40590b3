using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LeadRunner.Documents.Packages;

/// <summary>One file of a package as the manifest lists it.</summary>
public sealed record ManifestEntry(string File, string? Enterprise, string? Uscc, string Annex, string Sha256, long Size);

/// <summary>
/// Writes a submission package entry by entry into a ZIP over any output stream, seekable or not (a temp file or a
/// response body): each entry is hashed as it streams through, only the manifest rows stay in memory, and the
/// manifests (CSV with a UTF-8 BOM for Excel, and JSON) are written last.
/// </summary>
public sealed class PackageWriter : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ZipArchive _zip;
    private readonly List<ManifestEntry> _entries = [];
    private readonly List<string> _problems = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private bool _finished;

    private PackageWriter(ZipArchive zip) => _zip = zip;

    public static async Task<PackageWriter> CreateAsync(Stream output, CancellationToken cancellationToken) =>
        new(await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, cancellationToken));

    public IReadOnlyList<ManifestEntry> Entries => _entries;

    /// <summary>What could not be included (a missing upload), listed in manifest.json.</summary>
    public void AddProblem(string message) => _problems.Add(message);

    public Task AddAsync(string path, byte[] bytes, string? enterprise, string? uscc, string annex, CancellationToken cancellationToken) =>
        AddAsync(path, new MemoryStream(bytes, writable: false), enterprise, uscc, annex, cancellationToken);

    /// <summary>Copies <paramref name="content"/> into a new entry, hashing on the way; the content stream is disposed.</summary>
    public async Task AddAsync(string path, Stream content, string? enterprise, string? uscc, string annex, CancellationToken cancellationToken)
    {
        var name = Unique(path);
        await using (content)
        {
            // Word and PDF files are already compressed: storing them saves CPU without costing size.
            var entry = _zip.CreateEntry(name, CompressionLevel.NoCompression);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var target = await entry.OpenAsync(cancellationToken))
            {
                var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
                try
                {
                    int read;
                    while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        size += read;
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }
            }
            _entries.Add(new ManifestEntry(name, enterprise, uscc, annex, Convert.ToHexStringLower(hash.GetHashAndReset()), size));
        }
    }

    /// <summary>Writes manifest.csv and manifest.json; the ZIP is complete once this writer is disposed.</summary>
    public async Task FinishAsync(object header, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("\uFEFF文件,企业名称,统一社会信用代码,附件,SHA-256,大小（字节）\r\n");
        foreach (var e in _entries)
        {
            csv.Append(Cell(e.File)).Append(',').Append(Cell(e.Enterprise)).Append(',').Append(Cell(e.Uscc)).Append(',')
                .Append(Cell(e.Annex)).Append(',').Append(e.Sha256).Append(',').Append(e.Size.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }
        await WriteTextAsync("manifest.csv", csv.ToString(), cancellationToken);
        var json = JsonSerializer.Serialize(new { package = header, files = _entries, problems = _problems }, Json);
        await WriteTextAsync("manifest.json", json, cancellationToken);
        _finished = true;
    }

    private async Task WriteTextAsync(string name, string text, CancellationToken cancellationToken)
    {
        var entry = _zip.CreateEntry(Unique(name), CompressionLevel.Optimal);
        await using var target = await entry.OpenAsync(cancellationToken);
        // The BOM is part of the CSV text above; JSON stays plain UTF-8.
        await target.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken);
    }

    private string Unique(string path)
    {
        var name = path;
        for (var n = 2; !_names.Add(name); n++)
        {
            var dot = path.LastIndexOf('.');
            name = dot > path.LastIndexOf('/') ? $"{path[..dot]}_{n}{path[dot..]}" : $"{path}_{n}";
        }
        return name;
    }

    private static string Cell(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>A name safe as a ZIP folder or file on Windows and Linux: no separators or reserved characters.</summary>
    public static string SafeName(string? name, string fallback)
    {
        var cleaned = new string((name ?? "").Select(c => c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c) ? '_' : c).ToArray()).Trim().Trim('.');
        return cleaned.Length == 0 ? fallback : cleaned.Length > 80 ? cleaned[..80] : cleaned;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            // An unfinished package is still closed properly so the temp file can be deleted; it is never offered.
            _problems.Add("打包未完成。");
        }
        await _zip.DisposeAsync();
    }
}
