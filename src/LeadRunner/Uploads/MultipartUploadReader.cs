using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LeadRunner.Uploads;

/// <summary>
/// Reads a multipart/form-data upload straight from the request body: the file part is hashed while it is written
/// to a temp file in the storage folder and reading stops as soon as it exceeds the limit, so an oversized upload
/// is never buffered; text fields are small and bounded.
/// </summary>
public sealed class MultipartUploadReader(UploadStorage storage)
{
    public const string FileField = "file";
    public const int MaxFieldBytes = 1024;
    private const int BufferSize = 64 * 1024;

    public abstract record Outcome;

    /// <summary>The file is complete in <see cref="TempPath"/>; the caller keeps or deletes it.</summary>
    public sealed record Received(string TempPath, long Size, string Sha256, byte[] Header, string? OriginalName,
        IReadOnlyDictionary<string, string> Fields) : Outcome;

    public sealed record TooLarge(long Limit) : Outcome;

    public sealed record Invalid(string Field, string Message) : Outcome;

    /// <param name="limitFor">The byte limit for the file, given the text fields read before it.</param>
    public async Task<Outcome> ReadAsync(HttpRequest request, Func<IReadOnlyDictionary<string, string>, ValueTask<long>> limitFor, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return new Invalid("file", "请求须为 multipart/form-data，文件放在名为 file 的字段中。");
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
        {
            return new Invalid("file", "multipart 请求缺少有效的 boundary。");
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024 };
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? tempPath = null;
        Received? received = null;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return new Invalid("file", "上传内容格式错误：每个部分都须带 Content-Disposition: form-data。");
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (!disposition.IsFileDisposition())
                {
                    var value = await ReadFieldAsync(section.Body, ct);
                    if (value is null)
                    {
                        return new Invalid(name, $"字段“{name}”过长（最多 {MaxFieldBytes} 字节）。");
                    }
                    fields.TryAdd(name, value);
                    continue;
                }
                if (name != FileField)
                {
                    return new Invalid(name, $"不支持的文件字段“{name}”：文件须放在名为 file 的字段中。");
                }
                if (received is not null)
                {
                    return new Invalid("file", "一次只能上传一个文件。");
                }
                var limit = await limitFor(fields);
                tempPath = storage.NewTempPath();
                var written = await WriteAsync(section.Body, tempPath, limit, ct);
                if (written is null)
                {
                    return new TooLarge(limit);
                }
                var original = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value;
                if (string.IsNullOrEmpty(original))
                {
                    original = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                }
                received = new Received(tempPath, written.Value.Size, written.Value.Sha256, written.Value.Header, original, fields);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own body limit tripped on the text parts around the file.
            return new TooLarge(request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return new Invalid("file", "上传内容不完整或格式错误，请重新上传。");
        }
        finally
        {
            if (tempPath is not null && received is null)
            {
                File.Delete(tempPath);
            }
        }
        if (received is null)
        {
            return new Invalid("file", "没有收到文件：请在名为 file 的字段中上传一个文件。");
        }
        return received;
    }

    private static async Task<(long Size, string Sha256, byte[] Header)?> WriteAsync(Stream body, string path, long limit, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = UploadStorage.NewHash();
            var header = new byte[UploadContentTypes.HeaderLength];
            var headerLength = 0;
            long size = 0;
            await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), ct)) > 0)
            {
                size += read;
                if (size > limit)
                {
                    return null;
                }
                if (headerLength < header.Length)
                {
                    var n = Math.Min(read, header.Length - headerLength);
                    buffer.AsSpan(0, n).CopyTo(header.AsSpan(headerLength));
                    headerLength += n;
                }
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            return (size, UploadStorage.ToHex(hash.GetHashAndReset()), header[..headerLength]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
        }
        return length > MaxFieldBytes ? null : Encoding.UTF8.GetString(buffer, 0, length).Trim();
    }
}
