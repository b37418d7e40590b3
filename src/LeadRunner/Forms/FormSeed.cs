using System.Security.Cryptography;
using LeadRunner.Data;

namespace LeadRunner.Forms;

/// <summary>
/// Seeds form definitions from workflows/forms at start when the files' fingerprint changed since the last run;
/// <see cref="FormKind.LoadFilesAsync"/> then publishes only the files that differ from the current versions.
/// </summary>
public static class FormSeed
{
    private const string StateKey = "form-files";

    public static string Folder(string contentRoot) => Path.Combine(contentRoot, "workflows", "forms");

    public static async Task LoadIfChangedAsync(IServiceProvider services, string contentRoot, ILogger logger)
    {
        var folder = Folder(contentRoot);
        if (!Directory.Exists(folder))
        {
            return;
        }
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(folder, "*.form.json").Order(StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            sha.AppendData(await File.ReadAllBytesAsync(file));
        }
        var fingerprint = Convert.ToHexString(sha.GetHashAndReset());
        var db = services.GetRequiredService<LeadRunnerDb>();
        var state = await db.AppState.FindAsync(StateKey);
        if (state?.Value == fingerprint)
        {
            return;
        }
        await FormKind.LoadFilesAsync(services.GetRequiredService<Versioning.ArtifactStore>(), folder, logger);
        if (state is null)
        {
            db.AppState.Add(new AppState { Key = StateKey, Value = fingerprint });
        }
        else
        {
            state.Value = fingerprint;
        }
        await db.SaveChangesAsync();
    }
}
