using DealWatch.Core;
using DealWatch.Core.Delivery;
using DealWatch.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace DealWatch.Functions;

/// <summary>Posts one alert to one Teams Workflows webhook, at most once (or to the outbox without a URL).</summary>
public sealed class SendTeams(DeliveryService delivery)
{
    [Function(nameof(SendTeams))]
    public Task Run([QueueTrigger(QueueNames.Teams)] DeliveryMessage message, CancellationToken cancellationToken) =>
        delivery.SendTeamsAsync(message, cancellationToken);
}
