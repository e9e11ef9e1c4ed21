using DealWatch.Core.Alerts;
using Microsoft.Extensions.Logging;

namespace DealWatch.Core.Delivery;

/// <summary>The channels the ledger knows, as they appear in its rows and on the queues.</summary>
public static class DeliveryChannels
{
    public const string Email = "email";
    public const string Teams = "teams";
}

/// <summary>
/// Behind the <c>SendEmail</c> and <c>SendTeams</c> queue functions: delivers one alert to one recipient at most
/// once, whatever the queue does. Neither SendGrid nor Teams takes an idempotency key, so "once" rests on the
/// <c>deliveries</c> ledger: an attempt claims the row (an insert only one attempt wins), sends, and records the
/// outcome. An answer that says the message was not taken (429, 5xx after the retry budget, no connection) releases
/// the claim and the queue retries. An attempt that dies while its request may have reached the channel leaves the
/// claim, and the next attempt records the delivery as <see cref="DeliveryState.Unknown"/> instead of risking a
/// duplicate: the window is the send itself, and it is logged and counted when it happens.
/// </summary>
public sealed partial class DeliveryService(
    DeliveryLedger ledger,
    AlertStore alerts,
    IAlertRenderer renderer,
    IEmailSender email,
    ITeamsSender teams,
    TimeProvider time,
    ILogger<DeliveryService> logger)
{
    /// <summary>Delivers one message of the <c>email</c> queue.</summary>
    /// <exception cref="InvalidOperationException">Unknown message version, or no such alert (the message belongs in the poison queue).</exception>
    /// <exception cref="TransientDeliveryException">The provider refused for now; the queue should retry.</exception>
    public Task SendEmailAsync(DeliveryMessage message, CancellationToken cancellationToken) =>
        DeliverAsync(DeliveryChannels.Email, message, cancellationToken);

    /// <summary>Delivers one message of the <c>teams</c> queue.</summary>
    /// <exception cref="InvalidOperationException">Unknown message version, or no such alert (the message belongs in the poison queue).</exception>
    /// <exception cref="TransientDeliveryException">The webhook refused for now; the queue should retry.</exception>
    public Task SendTeamsAsync(DeliveryMessage message, CancellationToken cancellationToken) =>
        DeliverAsync(DeliveryChannels.Teams, message, cancellationToken);

    private async Task DeliverAsync(string channel, DeliveryMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        MessageVersions.EnsureSupported(message.Version, nameof(DeliveryMessage));
        if (await ledger.GetAsync(message.AlertId, channel, message.Recipient, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            await SettleDuplicateAsync(existing, cancellationToken).ConfigureAwait(false);
            return;
        }

        var stored = await alerts.GetAsync(message.AlertId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Alert '{message.AlertId}' is not in the alerts table.");

        // Render before claiming: a failure here must not leave a claim that blocks every retry.
        var deliveryId = DeliveryId(message.AlertId, channel, message.Recipient);
        Func<CancellationToken, Task<DeliveryResult>> send = channel == DeliveryChannels.Email
            ? RenderEmail(stored.Alert, deliveryId, message.Recipient)
            : RenderTeams(stored.Alert, deliveryId, message.Recipient);

        var claim = await ledger.TryClaimAsync(message.AlertId, channel, message.Recipient, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            if (await ledger.GetAsync(message.AlertId, channel, message.Recipient, cancellationToken).ConfigureAwait(false) is { } winner)
            {
                await SettleDuplicateAsync(winner, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        DeliveryResult result;
        try
        {
            result = await send(cancellationToken).ConfigureAwait(false);
        }
        catch (TransientDeliveryException ex)
        {
            await ledger.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
            DealWatchMetrics.DeliveriesFailed.Add(1, Tag(channel, "transient"));
            Log.Transient(logger, message.AlertId, channel, ex.RetryAfter, ex);
            throw;
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            // No connection was made, so nothing reached the channel.
            await ledger.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
            DealWatchMetrics.DeliveriesFailed.Add(1, Tag(channel, "unreachable"));
            throw;
        }

        // Record with no token: once the channel has answered, the answer must be written even if we are being stopped.
        var state = result.Outcome == DeliveryOutcome.Accepted ? DeliveryState.Sent : DeliveryState.Rejected;
        await ledger.CompleteAsync(claim, state, result.Detail, result.ProviderMessageId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        if (state == DeliveryState.Sent)
        {
            DealWatchMetrics.DeliveriesSent.Add(1, Tag(channel, "sent"));
            Log.Sent(logger, message.AlertId, channel, message.Subscription, result.ProviderMessageId);
        }
        else
        {
            DealWatchMetrics.DeliveriesFailed.Add(1, Tag(channel, "rejected"));
            Log.Rejected(logger, message.AlertId, channel, message.Subscription, result.Detail ?? "no reason given");
        }
    }

    private Func<CancellationToken, Task<DeliveryResult>> RenderEmail(Alert alert, string deliveryId, string recipient)
    {
        var rendered = alert.Kind == AlertKind.Digest
            ? renderer.RenderDigest(alert.Items, alert.Language, alert.DigestDate ?? DateOnly.FromDateTime(alert.CreatedAt.UtcDateTime))
            : renderer.RenderEmail(alert);
        var mail = new EmailMessage(alert.Id, deliveryId, recipient, rendered.Subject, rendered.Text, rendered.Html, ["dealwatch", alert.Kind.ToString().ToLowerInvariant()]);
        return ct => email.SendAsync(mail, ct);
    }

    private Func<CancellationToken, Task<DeliveryResult>> RenderTeams(Alert alert, string deliveryId, string webhook)
    {
        var post = new TeamsMessage(alert.Id, deliveryId, webhook, renderer.RenderTeamsCard(alert));
        return ct => teams.SendAsync(post, ct);
    }

    private async Task SettleDuplicateAsync(DeliveryRecord existing, CancellationToken cancellationToken)
    {
        for (var seen = existing; ;)
        {
            if (seen.State != DeliveryState.Sending)
            {
                Log.Duplicate(logger, seen.AlertId, seen.Channel, seen.State);
                return;
            }

            // An earlier attempt claimed this delivery and has not recorded an answer: it died while sending, or it
            // is still sending (a duplicate message running at the same time). Either way it must not be sent again.
            // The mark is conditional on the row being as read, so it never overwrites an answer recorded meanwhile;
            // and if the other attempt is alive, its answer overwrites the mark.
            if (await ledger.TryMarkUnknownAsync(seen, "An attempt stopped while sending; not sent again, to avoid a duplicate.", time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false))
            {
                DealWatchMetrics.DeliveriesFailed.Add(1, Tag(seen.Channel, "unknown"));
                Log.Unknown(logger, seen.AlertId, seen.Channel, seen.StartedAt);
                return;
            }

            if (await ledger.GetAsync(seen.AlertId, seen.Channel, seen.Recipient, cancellationToken).ConfigureAwait(false) is not { } again)
            {
                return;
            }

            seen = again;
        }
    }

    private static string DeliveryId(string alertId, string channel, string recipient) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{alertId}|{channel}|{recipient.Trim().ToUpperInvariant()}")))[..20];

    private static KeyValuePair<string, object?>[] Tag(string channel, string outcome) =>
        [new("channel", channel), new("outcome", outcome)];

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, EventName = "DeliverySent", Level = LogLevel.Information, Message = "Alert {AlertId} delivered by {Channel} for {Subscription} (provider id {ProviderMessageId})")]
        public static partial void Sent(ILogger logger, string alertId, string channel, string subscription, string? providerMessageId);

        [LoggerMessage(EventId = 4002, EventName = "DeliveryRejected", Level = LogLevel.Error, Message = "Alert {AlertId} refused by {Channel} for {Subscription}: {Reason}")]
        public static partial void Rejected(ILogger logger, string alertId, string channel, string subscription, string reason);

        [LoggerMessage(EventId = 4003, EventName = "DeliveryTransient", Level = LogLevel.Warning, Message = "Alert {AlertId} not taken by {Channel} yet (retry after {RetryAfter}); the queue will retry")]
        public static partial void Transient(ILogger logger, string alertId, string channel, TimeSpan? retryAfter, Exception exception);

        [LoggerMessage(EventId = 4004, EventName = "DeliveryDuplicate", Level = LogLevel.Information, Message = "Alert {AlertId} by {Channel} already {DeliveryState}; duplicate message ignored")]
        public static partial void Duplicate(ILogger logger, string alertId, string channel, DeliveryState deliveryState);

        [LoggerMessage(EventId = 4005, EventName = "DeliveryUnknown", Level = LogLevel.Warning, Message = "Alert {AlertId} by {Channel}: an attempt started at {StartedAt} never recorded an answer; recorded as Unknown and not re-sent")]
        public static partial void Unknown(ILogger logger, string alertId, string channel, DateTimeOffset? startedAt);
    }
}
