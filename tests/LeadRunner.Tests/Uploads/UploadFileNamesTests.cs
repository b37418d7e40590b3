using LeadRunner.Uploads;

namespace LeadRunner.Tests.Uploads;

public class UploadFileNamesTests
{
    [Fact]
    public void Sanitize_WithoutExtension_AppendsTheDetectedTypes()
    {
        Assert.Equal("营业执照.jpg", UploadFileNames.Sanitize("营业执照", UploadContentTypes.Jpeg).FileName);
    }

    [Fact]
    public void Sanitize_TooLong_IsCutAndKeepsTheExtension()
    {
        var name = UploadFileNames.Sanitize(new string('河', 300) + ".docx", UploadContentTypes.Docx).FileName!;
        Assert.Equal(UploadFileNames.MaxLength, name.Length);
        Assert.EndsWith("河.docx", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_OnlyDotsAndSlashes_GivesADefaultName()
    {
        Assert.Equal("文件.pdf", UploadFileNames.Sanitize("../..", UploadContentTypes.Pdf).FileName);
    }

    [Fact]
    public void Sanitize_ExeExtensionOnAPdf_IsAnError()
    {
        var result = UploadFileNames.Sanitize("setup.exe", UploadContentTypes.Pdf);
        Assert.Null(result.FileName);
        Assert.Contains("扩展名“.exe”与文件内容（PDF）不符", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_JpegWithJpgOrJpeg_KeepsEitherLowerCased()
    {
        Assert.Equal("a.jpeg", UploadFileNames.Sanitize("a.JPEG", UploadContentTypes.Jpeg).FileName);
        Assert.Equal("b.jpg", UploadFileNames.Sanitize("b.jpg", UploadContentTypes.Jpeg).FileName);
    }
}
