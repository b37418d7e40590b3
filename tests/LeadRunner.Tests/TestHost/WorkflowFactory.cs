using Microsoft.Extensions.Time.Testing;

namespace LeadRunner.Tests.TestHost;

/// <summary>The app with a fake clock set to Monday 2024-09-02 09:00 in Beijing, during the 2024 round.</summary>
public sealed class WorkflowFactory : LeadRunnerFactory
{
    public static readonly DateTimeOffset Start = new(2024, 9, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public WorkflowFactory() => Clock = new FakeTimeProvider(Start);

    public FakeTimeProvider FakeClock => Clock!;
}
