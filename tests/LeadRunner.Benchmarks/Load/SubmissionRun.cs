using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LeadRunner.Benchmarks.Load;

/// <summary>
/// Many enterprise users submitting at a set arrival rate (an open model: a slow answer does not slow the arrivals).
/// Each submission is scheduled at start + i / rate and taken by one of <c>users</c> workers; its latency is counted
/// from the scheduled time, so waiting for a free worker counts too. A rate of infinity (<c>--rate max</c>) is a closed
/// model instead: each worker submits as soon as its last answer came, and latency is counted from sending.
/// </summary>
public static class SubmissionRun
{
    public sealed record Result(Applicant Applicant, int Status, double Milliseconds, string? Step, string? Error);

    public sealed record Summary(int Sent, int Acknowledged, double Seconds, double PerSecond, double P50, double P90, double P99, double Max,
        IReadOnlyDictionary<string, int> Failures);

    public static async Task<List<Result>> RunAsync(HttpClient http, IReadOnlyList<Applicant> applicants, int users, double rate,
        Action<int>? onAcknowledged = null, CancellationToken ct = default)
    {
        var results = new ConcurrentBag<Result>();
        var clock = Stopwatch.StartNew();
        var next = -1;
        var acknowledged = 0;
        var workers = Enumerable.Range(0, users).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < applicants.Count && !ct.IsCancellationRequested)
            {
                var due = double.IsPositiveInfinity(rate) ? clock.Elapsed : TimeSpan.FromSeconds(i / rate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, CancellationToken.None);
                }
                var result = await SubmitAsync(http, applicants[i]);
                results.Add(result with { Milliseconds = (clock.Elapsed - due).TotalMilliseconds });
                if (result.Status == 200)
                {
                    onAcknowledged?.Invoke(Interlocked.Increment(ref acknowledged));
                }
            }
        }, CancellationToken.None)).ToList();
        await Task.WhenAll(workers);
        return [.. results];
    }

    private static async Task<Result> SubmitAsync(HttpClient http, Applicant applicant)
    {
        try
        {
            using var request = applicant.Submission();
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var step = response.IsSuccessStatusCode ? JsonNode.Parse(text)?["currentStep"]?.GetValue<string>() : null;
            return new Result(applicant, (int)response.StatusCode, 0, step, response.IsSuccessStatusCode ? null : text);
        }
        catch (HttpRequestException e)
        {
            // The server went away (kill -9): no answer, so not acknowledged.
            return new Result(applicant, 0, 0, null, e.Message);
        }
    }

    public static Summary Summarise(IReadOnlyList<Result> results, double seconds)
    {
        var ok = results.Where(r => r.Status == 200).Select(r => r.Milliseconds).Order().ToList();
        double At(double q) => ok.Count == 0 ? double.NaN : ok[Math.Min(ok.Count - 1, (int)Math.Ceiling(q * ok.Count) - 1)];
        var failures = results.Where(r => r.Status != 200).GroupBy(r => r.Status == 0 ? "无应答" : r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count());
        return new Summary(results.Count, ok.Count, seconds, ok.Count / seconds, At(0.50), At(0.90), At(0.99), ok.Count == 0 ? double.NaN : ok[^1], failures);
    }
}
