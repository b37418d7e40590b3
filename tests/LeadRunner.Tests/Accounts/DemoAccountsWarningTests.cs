using System.Collections.Concurrent;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadRunner.Tests.Accounts;

/// <summary>An installation outside Development whose database still holds the demo accounts says so at every start.</summary>
public class DemoAccountsWarningTests
{
    private const string Warning = "数据库中仍有演示账号";

    [Fact]
    public async Task Production_OnADatabaseWithDemoAccounts_WarnsAtStart_UntilTheyAreDisabled()
    {
        var path = LeadRunnerFactory.NewDatabasePath();
        using (var demo = new LeadRunnerFactory(path, deleteOnDispose: false))
        {
            _ = demo.Services;
        }

        var first = new LogCapture();
        using (var production = new ProductionFactory(path, first, deleteOnDispose: false))
        {
            _ = production.Services;
            Assert.Contains(first.Warnings, w => w.StartsWith(Warning, StringComparison.Ordinal));

            // The administrator disables the demo accounts that carry the public password.
            await using var scope = production.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
            await db.Users.Where(u => u.NormalizedUserName == "ADMIN" || u.NormalizedUserName == "PROVINCE" || u.NormalizedUserName == "SECADMIN")
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAt, DateTimeOffset.UtcNow));
        }

        var second = new LogCapture();
        using (var production = new ProductionFactory(path, second, deleteOnDispose: true))
        {
            _ = production.Services;
            Assert.DoesNotContain(second.Warnings, w => w.StartsWith(Warning, StringComparison.Ordinal));
        }
    }

    private sealed class ProductionFactory(string path, LogCapture logs, bool deleteOnDispose) : LeadRunnerFactory(path, deleteOnDispose)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
    }

    /// <summary>Keeps the warnings the app logs, to assert on what an operator would read.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _warnings = new();

        public IReadOnlyCollection<string> Warnings => _warnings;

        public ILogger CreateLogger(string categoryName) => new Logger(_warnings);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    warnings.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
