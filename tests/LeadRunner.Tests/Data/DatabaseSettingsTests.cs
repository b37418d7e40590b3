using LeadRunner.Data;
using Microsoft.Extensions.Configuration;

namespace LeadRunner.Tests.Data;

public sealed class DatabaseSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Sqlite_IsTheDefault_AndARelativePathIsTakenFromTheContentRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "leadrunner-settings-root");
        var settings = DatabaseSettings.From(Config(("ConnectionStrings:LeadRunner", "Data Source=data/x.db")), root);
        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal(Path.Combine(root, "data", "x.db"), settings.SqliteFile);
        Assert.Equal(Path.Combine(root, "data"), settings.DataFolder);
    }

    [Fact]
    public void PostgreSQL_IsChosenByName_WithItsDataFolderOnSharedStorage()
    {
        var settings = DatabaseSettings.From(Config(
            ("ConnectionStrings:LeadRunner", "Host=127.0.0.1;Database=lr"), ("Database:Provider", "postgresql"), ("Database:DataFolder", "/srv/leadrunner")), "/app");
        Assert.Equal(DatabaseProvider.PostgreSQL, settings.Provider);
        Assert.Equal("Host=127.0.0.1;Database=lr", settings.ConnectionString);
        Assert.Null(settings.SqliteFile);
        Assert.Equal("/srv/leadrunner", settings.DataFolder);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    public void AnUnknownProvider_IsRefusedInChinese(string provider)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(Config(
            ("ConnectionStrings:LeadRunner", "Data Source=x.db"), ("Database:Provider", provider)), "/app"));
        Assert.Contains($"Database:Provider 的值“{provider}”无效", error.Message, StringComparison.Ordinal);
    }
}
