using DealWatch.Core.Alerts;

namespace DealWatch.Core.Delivery;

/// <summary>How a channel answered one send.</summary>
public enum DeliveryOutcome
{
    /// <summary>The provider took the message (SendGrid 202, Teams 202/200), or it was written to the outbox.</summary>
    Accepted,
    /// <summary>The provider refused it for good (a 4xx other than 429); retrying would not help. <see cref="DeliveryResult.Detail"/> says why.</summary>
    Rejected,
}

/// <summary>The answer to one send. Transient failures that outlast the retry budget are thrown as <see cref="TransientDeliveryException"/>.</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Detail = null, string? ProviderMessageId = null)
{
    public static DeliveryResult Accepted(string? providerMessageId = null) => new(DeliveryOutcome.Accepted, null, providerMessageId);

    public static DeliveryResult Rejected(string detail) => new(DeliveryOutcome.Rejected, detail);
}

/// <summary>
/// The provider answered that it did not take the message and that a later try may succeed (429, 5xx), and the
/// retries within the function's budget are spent. The message was certainly not delivered.
/// </summary>
public sealed class TransientDeliveryException : Exception
{
    public TransientDeliveryException() { }

    public TransientDeliveryException(string message) : base(message) { }

    public TransientDeliveryException(string message, Exception innerException) : base(message, innerException) { }

    public TransientDeliveryException(string message, TimeSpan? retryAfter) : base(message) => RetryAfter = retryAfter;

    /// <summary>How long the provider asked us to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>One email to one recipient, rendered.</summary>
/// <param name="AlertId">Carried as SendGrid custom arg <c>alert_id</c> and in the outbox file name.</param>
/// <param name="DeliveryId">Unique per alert × channel × recipient; carried as custom arg <c>delivery_id</c>.</param>
/// <param name="To">Recipient address.</param>
/// <param name="Subject">Subject line, plain text.</param>
/// <param name="Text">The plain-text part.</param>
/// <param name="Html">The HTML part; every story text in it is HTML-escaped.</param>
/// <param name="Categories">SendGrid categories (alert kind, "dealwatch").</param>
public sealed record EmailMessage(string AlertId, string DeliveryId, string To, string Subject, string Text, string Html, IReadOnlyList<string> Categories);

/// <summary>Sends an email: SendGrid when an API key is configured, otherwise the local outbox.</summary>
public interface IEmailSender
{
    /// <exception cref="TransientDeliveryException">The provider refused for now and the retry budget is spent; not delivered.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; delivery is unknown if the request had been sent.</exception>
    /// <exception cref="HttpRequestException">No answer (connection lost, timeout); delivery is unknown.</exception>
    Task<DeliveryResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>One Teams post: the exact JSON body for a Workflows webhook, and the name of the configured webhook it goes to.</summary>
/// <param name="AlertId">The alert it renders.</param>
/// <param name="DeliveryId">Unique per alert × channel × webhook.</param>
/// <param name="Webhook">The webhook's configured name (its URL is a secret and never travels in queue messages).</param>
/// <param name="Body">The JSON body: a <c>message</c> with one Adaptive Card 1.5 attachment.</param>
public sealed record TeamsMessage(string AlertId, string DeliveryId, string Webhook, string Body);

/// <summary>Posts to a Teams Workflows webhook when its URL is configured, otherwise to the local outbox.</summary>
public interface ITeamsSender
{
    /// <exception cref="TransientDeliveryException">The webhook refused for now and the retry budget is spent; not delivered.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; delivery is unknown if the request had been sent.</exception>
    /// <exception cref="HttpRequestException">No answer (connection lost, timeout); delivery is unknown.</exception>
    Task<DeliveryResult> SendAsync(TeamsMessage message, CancellationToken cancellationToken);
}

/// <summary>Turns an alert into what each channel sends, in the alert's language.</summary>
public interface IAlertRenderer
{
    /// <summary>Subject, plain text and HTML of the email for this alert.</summary>
    RenderedEmail RenderEmail(Alert alert);

    /// <summary>The Teams webhook body for this alert: JSON of a message with one Adaptive Card (version 1.5, under 28 KB).</summary>
    string RenderTeamsCard(Alert alert);

    /// <summary>A digest email of several alerts (the day's deals, or alerts held during quiet hours).</summary>
    RenderedEmail RenderDigest(IReadOnlyList<Alert> alerts, string language, DateOnly day);
}

/// <summary>An email's rendered parts.</summary>
public sealed record RenderedEmail(string Subject, string Text, string Html);
