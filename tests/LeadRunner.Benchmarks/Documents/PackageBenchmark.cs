using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using LeadRunner.Data;
using LeadRunner.Documents.Issued;
using LeadRunner.Documents.Packages;
using LeadRunner.Enterprises;
using LeadRunner.Hosting;
using LeadRunner.Uploads;
using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Benchmarks.Documents;

/// <summary>
/// A reporting unit's submission package of N recommended enterprises (6 filled Word annexes each, a 200 KB sealed
/// PDF and a 100 KB county certificate), streamed into a forward-only sink. Target: 100 enterprises ≤ 30 s with a
/// flat heap: the peak managed heap (sampled after every enterprise) should not grow with N.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class PackageBenchmark
{
    private PackageHost _host = null!;
    private long _peakHeap;

    [Params(25, 100)]
    public int Enterprises { get; set; }

    [GlobalSetup]
    public async Task SetUp()
    {
        _host = new PackageHost();
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var cluster = await db.Clusters.FirstAsync(c => c.CountyCode == "130534");
        for (var i = 0; i < Enterprises; i++)
        {
            var enterprise = new Enterprise
            {
                Name = $"清河县基准羊绒制品第{i + 1}有限公司",
                Uscc = $"9113053400B{i.ToString("D7", CultureInfo.InvariantCulture)}",
                CountyCode = "130534",
                ClusterId = cluster.Id,
                IndustryCategory = "纺织",
            };
            db.Enterprises.Add(enterprise);
            await db.SaveChangesAsync();
            var sealedScan = _host.Uploads.Add(200_000, enterprise.Id);
            var certificate = _host.Uploads.Add(100_000, null);
            db.WorkflowInstances.Add(new WorkflowInstance
            {
                DefinitionId = "recognition", Version = 1, Title = enterprise.Name, EnterpriseId = enterprise.Id,
                CurrentStep = "provinceReview", StartedBy = "bench",
                VariablesJson = Variables(enterprise.Name, i + 1, sealedScan, certificate).ToJsonString(),
            });
        }
        await db.SaveChangesAsync();
    }

    [Benchmark]
    public async Task<long> WritePackage()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var builder = scope.ServiceProvider.GetRequiredService<PackageBuilder>();
        var sink = new CountingSink();
        await builder.WriteAsync(new PackageRequest("130500", 2040, new Issuer("city", null, null)), sink, new HeapSampler(this), CancellationToken.None);
        return sink.Written;
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        Console.WriteLine($"// PackageBenchmark N={Enterprises}: peak managed heap during builds {_peakHeap / 1024 / 1024} MB");
        _host.Dispose();
    }

    private sealed class HeapSampler(PackageBenchmark owner) : IProgress<PackageProgress>
    {
        public void Report(PackageProgress value)
        {
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            if (heap > owner._peakHeap)
            {
                owner._peakHeap = heap;
            }
        }
    }

    private static JsonObject Variables(string name, int rank, Guid sealedScan, Guid certificate)
    {
        static JsonArray File(Guid id) => [new JsonObject { ["storage"] = "url", ["originalName"] = "扫描件.pdf", ["url"] = $"/api/uploads/{id}" }];
        return new JsonObject
        {
            ["year"] = 2040,
            ["cityRank"] = rank,
            ["application"] = new JsonObject
            {
                ["enterpriseName"] = name, ["clusterName"] = "清河羊绒产业集群", ["industry"] = "纺织", ["legalRepresentative"] = "王某",
                ["revenue"] = 85600m, ["profit"] = 6100m, ["tax"] = 3050m, ["rdExpense"] = 2996m, ["marketShare"] = 12.5m,
                ["financialHistory"] = new JsonArray(
                    new JsonObject { ["year"] = 2038, ["revenue"] = 70000m, ["profit"] = 5000m, ["tax"] = 2500m, ["rdExpense"] = 2100m },
                    new JsonObject { ["year"] = 2039, ["revenue"] = 78000m, ["profit"] = 5500m, ["tax"] = 2800m, ["rdExpense"] = 2500m }),
                ["basicConditionsStatement"] = string.Concat(Enumerable.Repeat("企业在集群内营业收入排名靠前，研发投入占比符合要求。", 20)),
                ["leadingRole"] = string.Concat(Enumerable.Repeat("带动上下游企业协同发展。", 20)),
                ["plans"] = string.Concat(Enumerable.Repeat("扩大产能，建设数字化车间。", 20)),
                ["specialConditions"] = new JsonArray(new JsonObject { ["category"] = "科技创新", ["items"] = new JsonArray("省级企业技术中心") }),
                ["partners"] = new JsonArray([.. Enumerable.Range(1, 5).Select(p => (JsonNode)new JsonObject
                {
                    ["name"] = $"合作企业{p}", ["inCluster"] = true, ["relation"] = "上游", ["content"] = "原料供应", ["amount"] = 100m * p,
                })]),
                ["claimsMerger"] = true,
                ["merger"] = new JsonObject { ["parties"] = "甲公司与乙公司", ["form"] = "吸收合并", ["amount"] = 5000m, ["completionDate"] = "2039-12-20" },
                ["claimsSharedManufacturing"] = true,
                ["sharedManufacturing"] = new JsonObject { ["platform"] = "共享梳绒中心", ["usersServed"] = 36, ["results"] = "降本 8%" },
                ["sealedDocuments"] = File(sealedScan),
                ["declarationAccepted"] = true,
            },
            ["countyReview"] = new JsonObject
            {
                ["statisticsCovered"] = true, ["noMajorAccident"] = true, ["materialsChecked"] = true, ["opinion"] = "情况属实",
                ["sealedCertificate"] = File(certificate),
            },
            ["cityRecommendation"] = new JsonObject { ["rank"] = rank, ["opinion"] = "同意推荐" },
        };
    }

    /// <summary>The app with uploads generated on the fly (random bytes of a given size), as the package reads them.</summary>
    private sealed class PackageHost : WebApplicationFactory<Program>
    {
        private readonly string _database = Path.Combine(Path.GetTempPath(), "leadrunner-bench", $"{Guid.NewGuid():N}.db");

        public GeneratedUploads Uploads { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseContentRoot(RepositoryLayout.FindRoot(AppContext.BaseDirectory) ?? RepositoryLayout.FindRoot(Directory.GetCurrentDirectory())!);
            builder.UseSetting("ConnectionStrings:LeadRunner", $"Data Source={_database}");
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Demo:Password", "Demo@2024");
            builder.UseSetting("Workflow:TimersEnabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureTestServices(services => services.AddSingleton<IUploadedFiles>(Uploads));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_database + suffix);
            }
        }
    }

    /// <summary>Uploads whose content is produced when read, so the benchmark's own data does not fill the heap.</summary>
    private sealed class GeneratedUploads : IUploadedFiles
    {
        private readonly ConcurrentDictionary<Guid, UploadedFileInfo> _files = new();

        public Guid Add(int size, int? enterpriseId)
        {
            var id = Guid.NewGuid();
            _files[id] = new UploadedFileInfo(id, "scan.pdf", "application/pdf", size, "", "bench", enterpriseId);
            return id;
        }

        public Task<IReadOnlyDictionary<Guid, UploadedFileInfo>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<Guid, UploadedFileInfo>>(ids.Where(_files.ContainsKey).ToDictionary(id => id, id => _files[id]));

        public Task AttachAsync(IReadOnlyCollection<Guid> ids, string attachedTo, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task AssignEnterpriseAsync(IReadOnlyCollection<Guid> ids, int enterpriseId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<Stream> OpenReadAsync(Guid id, CancellationToken cancellationToken)
        {
            var bytes = new byte[_files[id].Size];
            RandomNumberGenerator.Fill(bytes);
            return Task.FromResult<Stream>(new MemoryStream(bytes, writable: false));
        }
    }

    /// <summary>A forward-only output that keeps nothing, like a response body to a fast client.</summary>
    private sealed class CountingSink : Stream
    {
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Written += count;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
