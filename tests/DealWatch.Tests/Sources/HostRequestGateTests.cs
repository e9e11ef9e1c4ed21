using DealWatch.Core.Sources;
using Microsoft.Extensions.Time.Testing;

namespace DealWatch.Tests.Sources;

public sealed class HostRequestGateTests
{
    [Fact]
    public async Task WaitAsync_TenPerSecond_SpacesRequestsToOneHostByATenthOfASecond()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 11, 3, 14, 0, 0, TimeSpan.Zero));
        var gate = new HostRequestGate(time);

        await gate.WaitAsync("www.sec.gov", 10, CancellationToken.None);
        var second = gate.WaitAsync("www.sec.gov", 10, CancellationToken.None);
        var otherHost = gate.WaitAsync("news.google.com", 10, CancellationToken.None);

        Assert.True(otherHost.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitAsync_NoLimit_NeverWaits()
    {
        var gate = new HostRequestGate(new FakeTimeProvider());

        for (var i = 0; i < 100; i++)
        {
            Assert.True(gate.WaitAsync("example.com", 0, CancellationToken.None).IsCompletedSuccessfully);
        }

        await Task.CompletedTask;
    }
}
