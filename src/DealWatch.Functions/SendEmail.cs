using DealWatch.Core;
using DealWatch.Core.Delivery;
using DealWatch.Core.Storage;
using Microsoft.Azure.Functions.Worker;

namespace DealWatch.Functions;

/// <summary>Sends one alert to one email recipient, at most once (SendGrid, or the outbox without an API key).</summary>
public sealed class SendEmail(DeliveryService delivery)
{
    [Function(nameof(SendEmail))]
    public Task Run([QueueTrigger(QueueNames.Email)] DeliveryMessage message, CancellationToken cancellationToken) =>
        delivery.SendEmailAsync(message, cancellationToken);
}
