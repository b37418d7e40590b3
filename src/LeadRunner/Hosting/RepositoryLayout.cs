namespace LeadRunner.Hosting;

/// <summary>
/// Finds the repository root (the folder holding appsettings.json, workflows/ and templates/) so that the one
/// configuration file at the root is read whether the app runs from source, from bin/ or from tests.
/// </summary>
public static class RepositoryLayout
{
    public static WebApplicationOptions CreateOptions(string[] args)
    {
        var root = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Directory.GetCurrentDirectory()) ?? AppContext.BaseDirectory;
        var webRoot = Path.Combine(root, "src", "LeadRunner", "wwwroot");
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = root,
            WebRootPath = Directory.Exists(webRoot) ? webRoot : Path.Combine(root, "wwwroot"),
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        };
    }

    /// <summary>Walks up from <paramref name="start"/> to the first folder with both LeadRunner.sln and appsettings.json.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeadRunner.sln")) && File.Exists(Path.Combine(dir.FullName, "appsettings.json")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
