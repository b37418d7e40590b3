namespace LeadRunner.Uploads;

/// <summary>What a form's file field allows: its own size limit and the types it takes (null: any accepted type).</summary>
public sealed record UploadFieldRule(long? MaxBytes, IReadOnlyCollection<UploadContentType>? AllowedTypes);

/// <summary>
/// The rules of a form's file field, read from the form definition (e.g. the file component's <c>fileMaxSize</c> and
/// <c>filePattern</c>). The forms feature implements this; without it only the global limit applies.
/// </summary>
public interface IUploadFieldRules
{
    /// <summary>The field's rule, or null when the form or field is unknown or sets no rule.</summary>
    ValueTask<UploadFieldRule?> GetRulesAsync(string formKey, string fieldKey, CancellationToken cancellationToken);
}

public sealed class NoUploadFieldRules : IUploadFieldRules
{
    public ValueTask<UploadFieldRule?> GetRulesAsync(string formKey, string fieldKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult<UploadFieldRule?>(null);
}

/// <summary>What a scanner is shown: the complete upload, still in the temp folder, before it is accepted.</summary>
public sealed record UploadScanRequest(string TempPath, string FileName, string ContentType, long Size, string Sha256, string OwnerUserId);

/// <summary>A scanner's verdict; <see cref="Reason"/> is shown to the uploader when rejected.</summary>
public sealed record UploadScanResult(bool Accepted, string? Reason)
{
    public static readonly UploadScanResult Clean = new(true, null);
    public static UploadScanResult Rejected(string reason) => new(false, reason);
}

/// <summary>A hook for an antivirus or content scanner, called on every upload before it is kept.</summary>
public interface IUploadScanner
{
    Task<UploadScanResult> ScanAsync(UploadScanRequest request, CancellationToken cancellationToken);
}

/// <summary>The default: no scanner is installed, every file that passed the type check is accepted.</summary>
public sealed class NoUploadScanner : IUploadScanner
{
    public Task<UploadScanResult> ScanAsync(UploadScanRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(UploadScanResult.Clean);
}
