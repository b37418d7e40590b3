using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using LeadRunner.Documents;
using LeadRunner.Hosting;
using LeadRunner.Scripting;

namespace LeadRunner.Benchmarks.Documents;

/// <summary>
/// One annex to Word as a download does it: render the template with the data (sandbox), then HTML → .docx.
/// Annex 4 (the largest filled document: five tables, merged cells) and annex 1 (the longest text). Target: ≤ 20 ms median.
/// </summary>
[Config(typeof(InProcessConfig))]
[MedianColumn]
[MemoryDiagnoser]
public class DocxBenchmark
{
    /// <summary>
    /// In process: on the shared 2-core machine building the separate benchmark project can exceed BenchmarkDotNet's
    /// two-minute build timeout, and the code measured is the same.
    /// </summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1).WithWarmupCount(6).WithIterationCount(15));
    }

    private DocumentRenderer _renderer = null!;
    private HtmlToDocx _docx = null!;
    private DocumentData _filled = null!;
    private string _annex4Html = "";

    [GlobalSetup]
    public void SetUp()
    {
        var root = RepositoryLayout.FindRoot(AppContext.BaseDirectory) ?? RepositoryLayout.FindRoot(Directory.GetCurrentDirectory())!;
        var folder = TemplateFiles.Folder(root);
        _renderer = new DocumentRenderer(new ScriptSandbox(), TemplateLibrary.FromFolder(folder));
        _docx = new HtmlToDocx();
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "samples", "default.json")))!.AsObject();
        json["programme"] = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "workflows", "programmes", "2024.json")));
        _filled = DocumentData.FromJson(json);
        _annex4Html = _renderer.RenderPage("annex-04", _filled);
        // In process, the first benchmark would otherwise also measure tiered JIT promoting the converter's code.
        for (var i = 0; i < 200; i++)
        {
            Annex4FilledToDocx();
        }
    }

    [Benchmark(Baseline = true)]
    public byte[] Annex4FilledToDocx() => _docx.Convert(_renderer.RenderPage("annex-04", _filled), "企业申请报告");

    [Benchmark]
    public byte[] Annex1BlankToDocx() => _docx.Convert(_renderer.RenderPage("annex-01", _filled, blank: true), "工作指南");

    [Benchmark]
    public string Annex4RenderOnly() => _renderer.RenderPage("annex-04", _filled);

    [Benchmark]
    public byte[] Annex4HtmlToDocxOnly() => _docx.Convert(_annex4Html, "企业申请报告");
}
