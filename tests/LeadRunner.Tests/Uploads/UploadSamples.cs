using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Uploads;

/// <summary>Small real files of each accepted type and a forged one, and the calls a browser or Form.io makes.</summary>
public static class UploadSamples
{
    public static byte[] Pdf(string text = "样例") =>
        Encoding.UTF8.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Png() =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00];

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public static byte[] Docx() => Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("_rels/.rels", "<Relationships/>"));

    /// <summary>A ZIP that is not a Word document (an .xlsx-like package).</summary>
    public static byte[] NonWordZip() => Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"));

    /// <summary>The start of a Windows executable.</summary>
    public static byte[] Exe() => [.. "MZ"u8, .. new byte[62], .. "PE\0\0"u8, .. new byte[64]];

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }
        return memory.ToArray();
    }

    /// <summary>The body Form.io's url storage sends: the file first, then <c>name</c> and <c>dir</c>.</summary>
    public static MultipartFormDataContent Body(byte[] bytes, string fileName, params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        return content;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] bytes, string fileName, string query = "", params (string, string)[] fields)
    {
        using var body = Body(bytes, fileName, fields);
        return await client.PostAsync("/api/uploads" + query, body);
    }

    public static async Task<UploadFile.UploadedFileDto> UploadOkAsync(HttpClient client, byte[] bytes, string fileName, string query = "")
    {
        var response = await PostAsync(client, bytes, fileName, query);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<UploadFile.UploadedFileDto>())!;
    }

    public static async Task<int> RecordCountAsync(LeadRunnerFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().StoredFiles.CountAsync();
    }

    /// <summary>Every file under the storage folder: blobs and anything left in tmp.</summary>
    public static string[] FilesOnDisk(LeadRunnerFactory factory) =>
        Directory.Exists(factory.UploadsRoot) ? Directory.GetFiles(factory.UploadsRoot, "*", SearchOption.AllDirectories) : [];
}
