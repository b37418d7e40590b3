using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LeadRunner.Forms;

/// <summary>
/// POST /api/forms/{key}/upload-grants: a visitor's leave to attach files to a public form without an account. The
/// page asks for it by script when it loads, so cached public pages carry no per-visitor token.
/// </summary>
public static class FormUploadGrants
{
    public sealed record GrantDto(string Token, DateTimeOffset ExpiresAt, int MaxFiles, long MaxBytes);

    public static async Task<Results<Ok<GrantDto>, ValidationProblem, ProblemHttpResult>> IssueAsync(string key, HttpContext http, LeadRunnerDb db,
        FormDefinitions definitions, UploadGrants grants, IOptions<UploadOptions> options, CancellationToken ct)
    {
        var current = await definitions.CurrentAsync(db, key, ct);
        if (current is null)
        {
            return ApiProblems.NotFound($"表单“{key}”不存在或尚未发布。");
        }
        if (current.Definition.Access != FormAccess.Public)
        {
            return ApiProblems.Forbidden($"“{current.Definition.Title}”须登录后填写，登录后上传文件无需上传凭证。");
        }
        var fields = current.Definition.FileFields.ToList();
        if (fields.Count == 0)
        {
            return ApiProblems.Invalid("key", $"“{current.Definition.Title}”没有上传文件的字段，无需上传凭证。");
        }
        var global = options.Value.MaxBytes;
        var (token, grant) = grants.Issue(current.Definition.Key);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new GrantDto(token, grant.ExpiresAt, grants.MaxFiles, fields.Max(f => Math.Min(global, f.File!.MaxSize ?? global))));
    }

    /// <summary>
    /// The owner of the grant a submission to <paramref name="formKey"/> shows, whose files it may then use; a grant
    /// that is forged or issued for another form is refused. No grant: (null, null).
    /// </summary>
    public static (string? Owner, ProblemHttpResult? Problem) OwnerFor(HttpRequest request, string formKey, UploadGrants grants)
    {
        if (UploadGrants.TokenOf(request) is not { } token)
        {
            return (null, null);
        }
        var (status, grant) = grants.Read(token);
        if (status == UploadGrants.Status.Forged)
        {
            return (null, ApiProblems.Forbidden(UploadGrants.ForgedMessage));
        }
        return grant!.FormKey == formKey ? (grant.Owner, null) : (null, ApiProblems.Forbidden(UploadGrants.WrongFormMessage(grant.FormKey, formKey)));
    }
}
