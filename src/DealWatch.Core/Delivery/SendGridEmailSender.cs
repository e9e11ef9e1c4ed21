using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using SendGrid;
using SendGrid.Helpers.Mail;
using SendGrid.Helpers.Reliability;

namespace DealWatch.Core.Delivery;

/// <summary>
/// Sends through SendGrid's v3 <c>mail/send</c> with the official client, on an HttpClient from
/// <see cref="IHttpClientFactory"/> whose resilience handler retries 429 and 5xx within the send budget
/// (<see cref="DeliveryRetry"/>). The client's own retries (<see cref="ReliabilitySettings"/>) are off: it applies
/// them only to an HttpClient it creates itself, and they would not honour Retry-After nor the budget.
/// </summary>
internal sealed partial class SendGridEmailSender(
    IHttpClientFactory httpClientFactory,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<SendGridEmailSender> logger) : IEmailSender
{
    public const string HttpClientName = "DealWatch.SendGrid";

    public async Task<DeliveryResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        if (!settings.UsesSendGrid)
        {
            throw new InvalidOperationException("DealWatch:Email:SendGridApiKey is not set; mail goes to the outbox.");
        }

        var mail = new SendGridMessage
        {
            From = new EmailAddress(settings.From!.Trim(), settings.FromName),
            Subject = message.Subject,
            // SendGrid wants text/plain before text/html; the client puts PlainTextContent first.
            PlainTextContent = message.Text,
            HtmlContent = message.Html,
        };
        mail.AddTo(new EmailAddress(message.To.Trim()));
        var categories = message.Categories.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).Take(10).ToList();
        if (categories.Count > 0)
        {
            mail.AddCategories(categories);
        }

        mail.AddCustomArg("alert_id", message.AlertId);
        mail.AddCustomArg("delivery_id", message.DeliveryId);

        var client = new SendGridClient(httpClientFactory.CreateClient(HttpClientName), new SendGridClientOptions
        {
            ApiKey = settings.SendGridApiKey,
            Host = settings.SendGridBaseUrl.AbsoluteUri.TrimEnd('/'),
            ReliabilitySettings = new ReliabilitySettings(),
            HttpErrorAsException = false,
        });

        Response response;
        try
        {
            response = await client.SendEmailAsync(mail, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            // The budget ended while a request was out: SendGrid may have taken it.
            throw new HttpRequestException(HttpRequestError.Unknown, $"SendGrid did not answer within the send budget of {settings.SendBudget}; delivery is unknown.", ex);
        }

        using var body = response.Body;
        var status = response.StatusCode;
        if ((int)status is >= 200 and <= 299)
        {
            var id = response.Headers?.TryGetValues("X-Message-Id", out var ids) == true ? ids.FirstOrDefault() : null;
            Log.Accepted(logger, message.AlertId, message.DeliveryId, id);
            return DeliveryResult.Accepted(id);
        }

        var text = body is null ? null : await body.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var reason = ProviderAnswer.Reason(status, text);
        if (DeliveryRetry.IsTransient(status))
        {
            var retryAfter = response.Headers is null ? null : DeliveryRetry.ProviderDelay(response.Headers, time);
            Log.Transient(logger, message.AlertId, message.DeliveryId, (int)status, retryAfter);
            throw new TransientDeliveryException($"SendGrid did not take the message: {reason}", retryAfter);
        }

        Log.Rejected(logger, message.AlertId, message.DeliveryId, (int)status, reason);
        return DeliveryResult.Rejected($"SendGrid refused the message: {reason}");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, EventName = "SendGridAccepted", Level = LogLevel.Debug, Message = "SendGrid accepted alert {AlertId} (delivery {DeliveryId}) as message {MessageId}")]
        public static partial void Accepted(ILogger logger, string alertId, string deliveryId, string? messageId);

        [LoggerMessage(EventId = 4102, EventName = "SendGridRejected", Level = LogLevel.Warning, Message = "SendGrid refused alert {AlertId} (delivery {DeliveryId}) with {StatusCode}: {Reason}")]
        public static partial void Rejected(ILogger logger, string alertId, string deliveryId, int statusCode, string reason);

        [LoggerMessage(EventId = 4103, EventName = "SendGridTransient", Level = LogLevel.Warning, Message = "SendGrid did not take alert {AlertId} (delivery {DeliveryId}): {StatusCode} after the retries of the send budget; retry after {RetryAfter}")]
        public static partial void Transient(ILogger logger, string alertId, string deliveryId, int statusCode, TimeSpan? retryAfter);
    }
}
