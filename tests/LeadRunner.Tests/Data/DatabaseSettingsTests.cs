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
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal(("127.0.0.1", "lr"), (connection.Host, connection.Database));
        Assert.Null(settings.SqliteFile);
        Assert.Equal("/srv/leadrunner", settings.DataFolder);
    }

    [Fact]
    public void PostgreSQL_PreparesRepeatedStatements_AndSkipsTheResetRoundTrip_UnlessTheConnectionStringSaysOtherwise()
    {
        static Npgsql.NpgsqlConnectionStringBuilder On(string connection) => new(DatabaseSettings.From(Config(
            ("ConnectionStrings:LeadRunner", connection), ("Database:Provider", "PostgreSQL")), "/app").ConnectionString);

        var defaults = On("Host=127.0.0.1;Database=lr");
        Assert.Equal((200, 2, true), (defaults.MaxAutoPrepare, defaults.AutoPrepareMinUsages, defaults.NoResetOnClose));
        var chosen = On("Host=127.0.0.1;Database=lr;Max Auto Prepare=10;No Reset On Close=false");
        Assert.Equal((10, false), (chosen.MaxAutoPrepare, chosen.NoResetOnClose));
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
