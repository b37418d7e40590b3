using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Uploads;

namespace LeadRunner.Forms;

/// <summary>
/// Checks the files a submission refers to against the uploads store: each must exist and belong to the
/// submitter (or to the visitor's upload grant for this form), and its stored size and type (not what the browser claims) must meet the field's rules.
/// The stored entry is rebuilt from the store's facts.
/// </summary>
public static class FileChecks
{
    public static async Task ApplyAsync(IReadOnlyList<SubmissionValidator.PendingFile> pending, IUploadedFiles? uploads,
        string submitterUserId, string? grantOwner, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }
        if (uploads is null)
        {
            errors.Add(new FieldError(pending[0].Path, "文件上传服务未启用，暂时无法提交含附件的表单。"));
            return;
        }
        var ids = pending.SelectMany(p => p.Files.Select(f => f.Id)).Distinct().ToList();
        var found = ids.Count == 0 ? new Dictionary<Guid, UploadedFileInfo>() : await uploads.FindAsync(ids, cancellationToken);
        foreach (var p in pending)
        {
            var index = 0;
            foreach (var (id, entry) in p.Files)
            {
                var at = $"{p.Path}[{index.ToString(CultureInfo.InvariantCulture)}]";
                index++;
                var name = entry["originalName"]?.ToString() ?? entry["name"]?.ToString() ?? id.ToString();
                if (!found.TryGetValue(id, out var info))
                {
                    errors.Add(new FieldError(at, $"“{p.Component.Label}”中的文件“{name}”不存在或已被删除，请重新上传。"));
                    continue;
                }
                if (!string.Equals(info.OwnerUserId, submitterUserId, StringComparison.Ordinal) && !string.Equals(info.OwnerUserId, grantOwner, StringComparison.Ordinal))
                {
                    errors.Add(new FieldError(at, $"“{p.Component.Label}”中的文件“{name}”不是您上传的文件。"));
                    continue;
                }
                if (Problem(p.Component, info) is { } problem)
                {
                    errors.Add(new FieldError(at, problem));
                    continue;
                }
                p.Target.Add(new JsonObject
                {
                    ["storage"] = "url",
                    ["name"] = info.Id.ToString(),
                    ["originalName"] = info.FileName,
                    ["url"] = $"/api/uploads/{info.Id}",
                    ["size"] = info.Size,
                    ["type"] = info.ContentType,
                });
            }
        }
    }

    private static string? Problem(FormComponent c, UploadedFileInfo info)
    {
        var rule = c.File!;
        if (rule.MaxSize is { } max && info.Size > max)
        {
            return $"“{c.Label}”中的文件“{info.FileName}”超过 {rule.MaxSizeText} 的大小限制。";
        }
        if (rule.Patterns.Count > 0 && !rule.Patterns.Any(p => Allows(p, info)))
        {
            return $"“{c.Label}”中的文件“{info.FileName}”类型不允许，只接受 {string.Join("、", rule.Patterns)}。";
        }
        return null;
    }

    private static bool Allows(string pattern, UploadedFileInfo info)
    {
        if (pattern.StartsWith('.'))
        {
            var extension = Path.GetExtension(info.FileName);
            // .jpg also admits .jpeg: the same type under its other common name.
            return string.Equals(extension, pattern, StringComparison.OrdinalIgnoreCase)
                || (pattern == ".jpg" && string.Equals(extension, ".jpeg", StringComparison.OrdinalIgnoreCase));
        }
        return pattern.EndsWith("/*", StringComparison.Ordinal)
            ? info.ContentType.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(info.ContentType, pattern, StringComparison.OrdinalIgnoreCase);
    }
}
