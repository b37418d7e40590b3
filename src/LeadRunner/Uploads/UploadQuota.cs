using System.Globalization;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadRunner.Uploads;

/// <summary>
/// What one user may upload in a day (Beijing time): a number of files and a total size. The rate limiter stops bursts;
/// the quota stops a patient user from filling the disk.
/// </summary>
public sealed class UploadQuota(LeadRunnerDb db, IOptions<UploadOptions> options, TimeProvider clock)
{
    public sealed record Refusal(string Message, int RetryAfterSeconds);

    /// <summary>
    /// Null when <paramref name="incomingBytes"/> more (one more file) still fits today's quota, else why not. Visitors
    /// uploading under grants share one quota: a grant is free to ask for, so a per-grant quota would bound nothing.
    /// </summary>
    public async Task<Refusal?> CheckAsync(string userId, long incomingBytes, CancellationToken ct)
    {
        var quota = options.Value;
        var now = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ConfigurableClock.China);
        var dayStart = new DateTimeOffset(now.Date, now.Offset);
        var retryAfter = (int)Math.Ceiling((dayStart.AddDays(1) - now).TotalSeconds);
        var visitor = userId.StartsWith(UploadGrant.OwnerPrefix, StringComparison.Ordinal);
        var today = db.StoredFiles.IgnoreQueryFilters().Where(f => f.CreatedAt >= dayStart);
        today = visitor ? today.Where(f => f.OwnerUserId.StartsWith(UploadGrant.OwnerPrefix)) : today.Where(f => f.OwnerUserId == userId);
        var (maxFiles, maxBytes, who) = visitor
            ? (quota.VisitorDailyQuotaFiles, quota.VisitorDailyQuotaBytes, "全体访客每天")
            : (quota.DailyQuotaFiles, quota.DailyQuotaBytes, "每人每天");
        var count = await today.CountAsync(ct);
        if (count >= maxFiles)
        {
            return new($"已达到每日上传文件数配额（{who} {maxFiles} 个），未保存，请明天再上传。", retryAfter);
        }
        var used = await today.SumAsync(f => f.Size, ct);
        if (used + incomingBytes > maxBytes)
        {
            return new($"超过每日上传容量配额（{who} {UploadFile.FormatSize(maxBytes)}，今天已上传 {UploadFile.FormatSize(used)}），未保存。", retryAfter);
        }
        return null;
    }

    public static ProblemHttpResult Problem(HttpContext http, Refusal refusal)
    {
        http.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblems.TooMany(refusal.Message);
    }
}
