namespace LeadRunner.Uploads;

/// <summary>The <c>Uploads</c> section of appsettings.json.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Where blobs are kept; a relative path is taken from the content root (the repository root).</summary>
    public string Root { get; set; } = "data/uploads";

    /// <summary>The largest file anyone may upload, whatever a form field allows.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>How long a file that nothing has attached is kept.</summary>
    public double OrphanRetentionHours { get; set; } = 72;

    public bool SweepEnabled { get; set; } = true;
    public double SweepIntervalMinutes { get; set; } = 60;
}
