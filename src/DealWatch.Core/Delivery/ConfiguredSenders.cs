using Microsoft.Extensions.Options;

namespace DealWatch.Core.Delivery;

/// <summary>The <see cref="IEmailSender"/> the hosts get: SendGrid when an API key is configured, the outbox otherwise.</summary>
internal sealed class ConfiguredEmailSender(IOptions<EmailOptions> options, SendGridEmailSender sendGrid, OutboxEmailSender outbox) : IEmailSender
{
    public Task<DeliveryResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
        options.Value.UsesSendGrid ? sendGrid.SendAsync(message, cancellationToken) : outbox.SendAsync(message, cancellationToken);
}

/// <summary>The <see cref="ITeamsSender"/> the hosts get: the webhook's URL when one is configured for its name, the outbox otherwise.</summary>
internal sealed class ConfiguredTeamsSender(IOptions<TeamsOptions> options, TeamsWebhookSender webhook, OutboxTeamsSender outbox) : ITeamsSender
{
    public Task<DeliveryResult> SendAsync(TeamsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return options.Value.UrlOf(message.Webhook) is { } url
            ? webhook.SendAsync(message, url, cancellationToken)
            : outbox.SendAsync(message, cancellationToken);
    }
}
