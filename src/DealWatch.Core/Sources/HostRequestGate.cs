using System.Collections.Concurrent;

namespace DealWatch.Core.Sources;

/// <summary>
/// Spaces requests to one host so they never exceed a rate (SEC EDGAR allows about 10 a second). Waits on the
/// <see cref="TimeProvider"/>, so tests can drive it with a fake clock.
/// </summary>
internal sealed class HostRequestGate(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.OrdinalIgnoreCase);

    public async Task WaitAsync(string host, double requestsPerSecond, CancellationToken cancellationToken)
    {
        if (requestsPerSecond <= 0)
        {
            return;
        }

        var slot = _slots.GetOrAdd(host, _ => new Slot());
        await slot.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (slot.NextAllowed > now)
            {
                await Task.Delay(slot.NextAllowed - now, time, cancellationToken).ConfigureAwait(false);
                now = slot.NextAllowed;
            }

            slot.NextAllowed = now + TimeSpan.FromSeconds(1 / requestsPerSecond);
        }
        finally
        {
            slot.Lock.Release();
        }
    }

    private sealed class Slot
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);
        public DateTimeOffset NextAllowed { get; set; }
    }
}
