using DealWatch.Core;
using DealWatch.Core.Alerts;
using DealWatch.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace DealWatch.Functions;

/// <summary>Fans one alert out to its subscription's email recipients and Teams webhooks.</summary>
public sealed class RouteAlert(AlertRouter router)
{
    [Function(nameof(RouteAlert))]
    public Task Run([QueueTrigger(QueueNames.Alerts)] AlertMessage message, CancellationToken cancellationToken) =>
        router.RouteAsync(message, cancellationToken);
}
