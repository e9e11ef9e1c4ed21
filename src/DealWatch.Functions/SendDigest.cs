using DealWatch.Core.Alerts;
using Microsoft.Azure.Functions.Worker;

namespace DealWatch.Functions;

/// <summary>Publishes each subscription's daily digest once its local digest time has come.</summary>
public sealed class SendDigest(DigestService digests)
{
    [Function(nameof(SendDigest))]
    public Task Run([TimerTrigger("%DealWatch:DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        digests.RunAsync(cancellationToken);
}
