using LeadRunner.Accounts;
using LeadRunner.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadRunner.Uploads;

public static class UploadsFeature
{
    public static IServiceCollection AddUploads(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(UploadOptions.Section);
        services.AddOptions<UploadOptions>().Bind(section)
            .PostConfigure<Data.DatabaseSettings>((o, database) => o.Root = string.IsNullOrWhiteSpace(o.Root) ? DefaultRoot(database) : o.Root)
            .Validate(o => o.MaxBytes > 0, "配置 Uploads:MaxBytes 须为正数（字节）。")
            .Validate(o => o.DailyQuotaBytes > 0 && o.DailyQuotaFiles > 0, "配置 Uploads:DailyQuotaBytes 和 Uploads:DailyQuotaFiles 须为正数。")
            .Validate(o => o.OrphanRetentionHours > 0, "配置 Uploads:OrphanRetentionHours 须为正数（小时）。")
            .Validate(o => o.SweepIntervalMinutes > 0, "配置 Uploads:SweepIntervalMinutes 须为正数（分钟）。")
            .Validate(o => o.GrantMinutes > 0 && o.GrantMaxFiles > 0 && o.VisitorDailyQuotaBytes > 0 && o.VisitorDailyQuotaFiles > 0,
                "配置 Uploads:GrantMinutes、GrantMaxFiles、VisitorDailyQuotaBytes 和 VisitorDailyQuotaFiles 须为正数。")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Root), "配置 Uploads:Root 不能为空。")
            .ValidateOnStart();
        services.AddSingleton<UploadStorage>();
        services.AddSingleton<MultipartUploadReader>();
        // Forms replaces the field rules; an antivirus integration replaces the scanner.
        services.TryAddSingleton<IUploadFieldRules, NoUploadFieldRules>();
        services.TryAddSingleton<IUploadScanner, NoUploadScanner>();
        services.AddScoped<IUploadedFiles, UploadedFiles>();
        services.AddSingleton<OrphanSweep>();
        services.AddScoped<UploadQuota>();
        services.AddSingleton<UploadGrants>();
        if (section.GetValue(nameof(UploadOptions.SweepEnabled), true))
        {
            services.AddHostedService<OrphanSweepService>();
        }
        return services;
    }

    /// <summary>The upload store when <c>Uploads:Root</c> is not set: in the data folder, beside packages and the SQLite file.</summary>
    public static string DefaultRoot(Data.DatabaseSettings database) => Path.Combine(database.DataFolder, "uploads");

    public static void MapUploads(this IEndpointRouteBuilder app)
    {
        // Not the group's RequireAuthorization: a visitor with an upload grant has no account (the handlers check both).
        var group = app.MapGroup("/api/uploads").WithTags("上传");
        // The body is read by MultipartUploadReader as a stream: no IFormFile, no form binding, so nothing is buffered;
        // no Accepts metadata either, which would answer 415 without saying what is wrong.
        group.MapPost("/", UploadFile.HandleAsync)
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimits.Uploads)
            .WithName("UploadFile").WithSummary("上传一个文件")
            .WithDescription("以 multipart/form-data 上传一个文件（字段 file，可选 form、field 以适用该字段的类型和大小限制），按内容识别为 PDF、DOCX、JPEG 或 PNG 后保存；"
                + "须登录，公开表单的访客凭上传凭证（X-Upload-Grant）。未登录答 401，凭证无效或不属于该表单答 403，文件超过限制答 413，超过每日配额答 429。")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{id:guid}", DownloadFile.HandleAsync).ServesDocuments().ProducesUploadedFile()
            .WithName("DownloadUploadedFile").WithSummary("下载上传的文件")
            .WithDescription("下载一个上传的文件，供其上传者、上传凭证持有人、该企业的账号和管辖该企业的工作人员读取；未登录答 401，不存在或不在查看范围内同样答 404。")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Declares the 200 of an endpoint that streams an uploaded file: its body is one of the types uploads accept.</summary>
    public static RouteHandlerBuilder ProducesUploadedFile(this RouteHandlerBuilder builder) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, UploadContentTypes.All[0].MimeType,
            [.. UploadContentTypes.All.Skip(1).Select(t => t.MimeType)]);
}
