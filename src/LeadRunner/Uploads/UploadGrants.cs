using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace LeadRunner.Uploads;

/// <summary>
/// Leave for a visitor without an account to upload a few files to one public form: the files are stored under
/// <see cref="Owner"/>, and only a submission to <see cref="FormKey"/> that shows the same grant may use them.
/// </summary>
public sealed record UploadGrant(Guid Id, string FormKey, DateTimeOffset ExpiresAt)
{
    public const string OwnerPrefix = "grant:";

    /// <summary>The StoredFile.OwnerUserId of the grant's files: recognisable as no account.</summary>
    public string Owner => OwnerPrefix + Id.ToString("N");
}

/// <summary>
/// Issues and reads upload grants: signed by Data Protection with a time-limited protector, so a visitor can neither
/// forge nor stretch one. The grant's own expiry (on the app's clock) ends uploading; the signature outlives it by
/// <see cref="SubmitGrace"/>, so a visitor who uploaded in time may still finish typing and submit.
/// </summary>
public sealed class UploadGrants(IDataProtectionProvider protection, TimeProvider clock, IOptions<UploadOptions> options)
{
    /// <summary>The request header (or the <c>grant</c> query parameter) that carries a grant.</summary>
    public const string Header = "X-Upload-Grant";

    public static readonly TimeSpan SubmitGrace = TimeSpan.FromHours(2);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("LeadRunner.Uploads.Grant.v1").ToTimeLimitedDataProtector();

    public enum Status { Valid, Expired, Forged }

    public int MaxFiles => options.Value.GrantMaxFiles;

    public (string Token, UploadGrant Grant) Issue(string formKey)
    {
        var now = clock.GetUtcNow();
        var grant = new UploadGrant(Guid.CreateVersion7(now), formKey, now.AddMinutes(options.Value.GrantMinutes));
        var payload = string.Join('|', grant.Id.ToString("N"), grant.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), formKey);
        return (_protector.Protect(payload, DateTimeOffset.UtcNow + (grant.ExpiresAt - now) + SubmitGrace), grant);
    }

    /// <summary>
    /// The grant a token carries. <see cref="Status.Expired"/> still returns the grant (its files may be submitted);
    /// a token that does not verify, or whose signature has run out, is <see cref="Status.Forged"/>.
    /// </summary>
    public (Status Status, UploadGrant? Grant) Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return (Status.Forged, null);
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(token.Trim(), out _);
        }
        catch (CryptographicException)
        {
            return (Status.Forged, null);
        }
        var parts = payload.Split('|', 3);
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var id)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return (Status.Forged, null);
        }
        var grant = new UploadGrant(id, parts[2], DateTimeOffset.FromUnixTimeSeconds(seconds));
        return (grant.ExpiresAt <= clock.GetUtcNow() ? Status.Expired : Status.Valid, grant);
    }

    /// <summary>The token sent with a request: the header, else the <c>grant</c> query parameter (a download link).</summary>
    public static string? TokenOf(HttpRequest request) =>
        request.Headers[Header].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))
        ?? request.Query["grant"].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    public const string ForgedMessage = "上传凭证无效（可能已被篡改或已失效），请刷新页面后重新上传。";

    public string ExpiredMessage => $"上传凭证已过期（有效期 {options.Value.GrantMinutes} 分钟），请刷新页面后重新上传。";

    public static string WrongFormMessage(string grantForm, string formKey) => $"该上传凭证只能用于表单“{grantForm}”，不能用于表单“{formKey}”。";
}
