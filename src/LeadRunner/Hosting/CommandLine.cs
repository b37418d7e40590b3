using LeadRunner.Operations;

namespace LeadRunner.Hosting;

/// <summary>One administrative command run instead of the web app, e.g. <c>dotnet LeadRunner.dll backup &lt;目录&gt;</c>.</summary>
public interface ICommand
{
    /// <summary>The first word on the command line.</summary>
    string Name { get; }

    /// <summary>The positional arguments after the name, for the usage line, e.g. <c>&lt;备份目录&gt;</c>.</summary>
    IReadOnlyList<string> Arguments { get; }

    string Description { get; }

    /// <summary>Runs with the positional arguments; returns the process exit code (0 on success).</summary>
    Task<int> RunAsync(CommandContext context, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}

/// <summary>
/// What a command gets: the app's builder, configured exactly as the web app is (repository layout, appsettings.json,
/// environment variables, <c>--Key=value</c> options), so a command needing services can call AddLeadRunner and Build.
/// </summary>
public sealed record CommandContext(WebApplicationBuilder Builder, TextWriter Out, TextWriter Error)
{
    public IConfiguration Configuration => Builder.Configuration;
    public InstallationPaths Paths => InstallationPaths.From(Builder.Configuration, Builder.Environment.ContentRootPath);
}

/// <summary>
/// Dispatches <c>LeadRunner &lt;command&gt; args… [--Key=value…]</c> before the web app starts. Adding a command is one
/// class implementing <see cref="ICommand"/> and one entry in <see cref="Commands"/>.
/// </summary>
public static class CommandLine
{
    private static readonly ICommand[] Commands = [new BackupCommand(), new RestoreCommand(), new Accounts.Admin.AdminCreateCommand()];

    /// <summary>Runs the command the arguments name and sets the exit code; false when they name none (start the web app).</summary>
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (await RunAsync(args, Console.Out, Console.Error) is not { } exitCode)
        {
            return false;
        }
        Environment.ExitCode = exitCode;
        return true;
    }

    /// <summary>The exit code of the command the arguments name, or null when they name none.</summary>
    public static async Task<int?> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || Commands.FirstOrDefault(c => c.Name == args[0]) is not { } command)
        {
            return null;
        }
        // Positional arguments come first; the rest are configuration options. Kept apart because the configuration
        // reader would take an absolute path such as /srv/backup for a "/key value" switch.
        var positional = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (positional.Count != command.Arguments.Count)
        {
            await error.WriteLineAsync($"用法：LeadRunner {command.Name} {string.Join(' ', command.Arguments)} [--配置项=值…]\n{command.Description}");
            return 2;
        }
        var builder = WebApplication.CreateBuilder(RepositoryLayout.CreateOptions(args.Skip(1 + positional.Count).ToArray()));
        try
        {
            return await command.RunAsync(new CommandContext(builder, output, error), positional, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync($"{command.Name} 失败：{ex.Message}");
            return 1;
        }
    }
}
