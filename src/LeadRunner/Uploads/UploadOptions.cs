namespace LeadRunner.Uploads;

/// <summary>The <c>Uploads</c> section of appsettings.json.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>
    /// Where blobs are kept; a relative path is taken from the content root (the repository root). By default an
    /// "uploads" folder in the data folder (<see cref="Data.DatabaseSettings.DataFolder"/>), which several instances share.
    /// </summary>
    public string Root { get; set; } = "";

    /// <summary>The largest file anyone may upload, whatever a form field allows.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>How long a file that nothing has attached is kept.</summary>
    public double OrphanRetentionHours { get; set; } = 72;

    /// <summary>What one user may upload per day (Beijing time): total bytes and number of files.</summary>
    public long DailyQuotaBytes { get; set; } = 500L * 1024 * 1024;
    public int DailyQuotaFiles { get; set; } = 500;

    /// <summary>A visitor's upload grant for a public form: how long it lets them upload, and how many files.</summary>
    public double GrantMinutes { get; set; } = 30;
    public int GrantMaxFiles { get; set; } = 5;

    /// <summary>What all visitors together (files under upload grants) may upload per day: grants cost nothing to ask for.</summary>
    public long VisitorDailyQuotaBytes { get; set; } = 2L * 1024 * 1024 * 1024;
    public int VisitorDailyQuotaFiles { get; set; } = 2000;

    public bool SweepEnabled { get; set; } = true;
    public double SweepIntervalMinutes { get; set; } = 60;
}
