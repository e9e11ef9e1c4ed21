using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace DealWatch.Core.Delivery;

/// <summary>
/// POSTs a card to a Teams Workflows webhook ("Send webhook alerts to a channel"), which answers 202 when it took the
/// post. 429 and 5xx are retried within the send budget (<see cref="DeliveryRetry"/>). The URL is a secret (its
/// query string signs the call): logs and exception messages name the webhook and its host only.
/// </summary>
internal sealed partial class TeamsWebhookSender(
    IHttpClientFactory httpClientFactory,
    IOptions<TeamsOptions> options,
    TimeProvider time,
    ILogger<TeamsWebhookSender> logger)
{
    public const string HttpClientName = "DealWatch.Teams";

    /// <exception cref="TransientDeliveryException">The webhook refused for now and the retry budget is spent; not delivered.</exception>
    /// <exception cref="HttpRequestException">No answer (connection lost, budget spent while a request was out); delivery is unknown.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<DeliveryResult> SendAsync(TeamsMessage message, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost;
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            // Exactly the rendered body, UTF-8 without a BOM: the bytes the outbox would write.
            Content = new StringContent(message.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), "application/json"),
        };

        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new HttpRequestException(HttpRequestError.Unknown, $"Teams webhook '{message.Webhook}' on {host} did not answer within the send budget of {options.Value.SendBudget}; delivery is unknown.", ex);
        }
        catch (HttpRequestException ex)
        {
            // The handler's message names the host and port, never the path or query; keep the error kind for the ledger.
            throw new HttpRequestException(ex.HttpRequestError, $"Teams webhook '{message.Webhook}' on {host}: {ex.HttpRequestError}", ex, ex.StatusCode);
        }

        using (response)
        {
            var status = response.StatusCode;
            if ((int)status is >= 200 and <= 299)
            {
                var runId = response.Headers.TryGetValues("x-ms-workflow-run-id", out var ids) ? ids.FirstOrDefault() : null;
                Log.Accepted(logger, message.AlertId, message.Webhook, host, (int)status);
                return DeliveryResult.Accepted(runId);
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var reason = Redact(ProviderAnswer.Reason(status, body), url);
            if (DeliveryRetry.IsTransient(status))
            {
                var retryAfter = DeliveryRetry.ProviderDelay(response.Headers, time);
                Log.Transient(logger, message.AlertId, message.Webhook, host, (int)status, retryAfter);
                throw new TransientDeliveryException($"Teams webhook '{message.Webhook}' on {host} did not take the post: {reason}", retryAfter);
            }

            Log.Rejected(logger, message.AlertId, message.Webhook, host, (int)status, reason);
            return DeliveryResult.Rejected($"Teams webhook '{message.Webhook}' on {host} refused the post: {reason}");
        }
    }

    /// <summary>An error body could echo the URL; its path and query never leave this method.</summary>
    private static string Redact(string text, Uri url)
    {
        foreach (var secret in new[] { url.OriginalString, url.AbsoluteUri, url.PathAndQuery, url.Query.TrimStart('?'), url.AbsolutePath })
        {
            if (secret.Length > 1)
            {
                text = text.Replace(secret, "[redacted]", StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4111, EventName = "TeamsAccepted", Level = LogLevel.Debug, Message = "Teams webhook {Webhook} on {Host} took alert {AlertId} ({StatusCode})")]
        public static partial void Accepted(ILogger logger, string alertId, string webhook, string host, int statusCode);

        [LoggerMessage(EventId = 4112, EventName = "TeamsRejected", Level = LogLevel.Warning, Message = "Teams webhook {Webhook} on {Host} refused alert {AlertId} with {StatusCode}: {Reason}")]
        public static partial void Rejected(ILogger logger, string alertId, string webhook, string host, int statusCode, string reason);

        [LoggerMessage(EventId = 4113, EventName = "TeamsTransient", Level = LogLevel.Warning, Message = "Teams webhook {Webhook} on {Host} did not take alert {AlertId}: {StatusCode} after the retries of the send budget; retry after {RetryAfter}")]
        public static partial void Transient(ILogger logger, string alertId, string webhook, string host, int statusCode, TimeSpan? retryAfter);
    }
}
