using LeadRunner.Data;
using LeadRunner.Hosting;

// Administrative commands (backup, restore…) run instead of the web app.
if (await CommandLine.TryRunAsync(args))
{
    return;
}

var builder = WebApplication.CreateBuilder(RepositoryLayout.CreateOptions(args));
builder.AddLeadRunner();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseLeadRunner();
await app.RunAsync();

/// <summary>Entry point, public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
