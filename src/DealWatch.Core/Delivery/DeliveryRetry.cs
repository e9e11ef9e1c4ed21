using System.Globalization;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace DealWatch.Core.Delivery;

/// <summary>How one channel retries within one send.</summary>
/// <param name="Channel">"email" or "teams", for logs.</param>
/// <param name="Budget">Total time of one send, retries included.</param>
/// <param name="BaseDelay">First back-off when the provider says nothing about waiting.</param>
/// <param name="MaxRetries">Most retries.</param>
internal sealed record DeliveryRetrySettings(string Channel, TimeSpan Budget, TimeSpan BaseDelay, int MaxRetries);

/// <summary>
/// The resilience pipeline of the SendGrid and Teams HTTP clients (Microsoft.Extensions.Http.Resilience):
/// <list type="bullet">
/// <item>only answers that say "not taken, try later" are retried: 429 and 5xx. A connection lost or a timeout
/// after the request went out is not retried here, since the provider may have taken the message (neither takes an
/// idempotency key); the caller gets the exception and the delivery ledger decides;</item>
/// <item>the wait is what the provider asked for (Retry-After, in seconds or as a date, or SendGrid's
/// X-RateLimit-Reset, in epoch seconds), else an exponential back-off with jitter from the base delay;</item>
/// <item>the whole send, retries and waits included, has a budget (an outer timeout); a retry whose wait would end
/// past the budget is not started at all, so a "Retry-After: 3600" gives up at once and the queue retries the
/// message later (the sender throws <see cref="TransientDeliveryException"/> with the wait).</item>
/// </list>
/// Not <c>AddStandardResilienceHandler</c>: its retry also replays POSTs after connection failures and attempt
/// timeouts (duplicate alerts), and it knows nothing of X-RateLimit-Reset.
/// </summary>
internal static partial class DeliveryRetry
{
    private static readonly ResiliencePropertyKey<DateTimeOffset> Deadline = new("DealWatch.Delivery.Deadline");
    private static readonly ResiliencePropertyKey<TimeSpan> NextDelay = new("DealWatch.Delivery.NextDelay");
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, DeliveryRetrySettings settings, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.TimeProvider = time;
        builder.AddStrategy(_ => new SendDeadlineStrategy(time, settings.Budget), new SendDeadlineStrategyOptions());
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "SendBudget", Timeout = settings.Budget });
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            Name = "ProviderRetry",
            MaxRetryAttempts = settings.MaxRetries,
            ShouldRetryAfterHeader = false,
            UseJitter = false,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber, args.Context, settings, time, logger)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(NextDelay, settings.BaseDelay)),
            OnRetry = args =>
            {
                Log.Retrying(logger, settings.Channel, (int?)args.Outcome.Result?.StatusCode ?? 0, args.AttemptNumber + 1, args.RetryDelay);
                return default;
            },
        });
    }

    /// <summary>True for the answers that mean "not taken, try later": 429 and 5xx.</summary>
    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status is >= 500 and <= 599;

    /// <summary>
    /// How long the provider asked to wait: Retry-After (delta seconds or an HTTP date), else X-RateLimit-Reset
    /// (SendGrid: the epoch second the rate-limit window resets); null when it did not say.
    /// </summary>
    public static TimeSpan? ProviderDelay(System.Net.Http.Headers.HttpResponseHeaders headers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var now = time.GetUtcNow();
        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }

        if (headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            && epoch is > 0 and < 253402300800)
        {
            var reset = DateTimeOffset.FromUnixTimeSeconds(epoch);
            return reset > now ? reset - now : TimeSpan.Zero;
        }

        return null;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attempt, ResilienceContext context, DeliveryRetrySettings settings, TimeProvider time, ILogger logger)
    {
        if (outcome.Result is not { } response || !IsTransient(response.StatusCode))
        {
            return false;
        }

        var delay = ProviderDelay(response.Headers, time) ?? Backoff(settings.BaseDelay, attempt);
        var now = time.GetUtcNow();
        if (!context.Properties.TryGetValue(Deadline, out var deadline) || now + delay >= deadline)
        {
            Log.BudgetSpent(logger, settings.Channel, (int)response.StatusCode, delay, settings.Budget);
            return false;
        }

        context.Properties.Set(NextDelay, delay);
        return true;
    }

    /// <summary>base × 2^attempt, at most 30 s, ±20% jitter so that instances throttled together do not retry together.</summary>
    private static TimeSpan Backoff(TimeSpan baseDelay, int attempt)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        var capped = Math.Min(exponential, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    /// <summary>Records when the send's budget ends, before the first attempt, for the retry predicate.</summary>
    private sealed class SendDeadlineStrategy(TimeProvider time, TimeSpan budget) : ResilienceStrategy
    {
        protected override ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
        {
            context.Properties.Set(Deadline, time.GetUtcNow() + budget);
            return callback(context, state);
        }
    }

    private sealed class SendDeadlineStrategyOptions : ResilienceStrategyOptions
    {
        public SendDeadlineStrategyOptions() => Name = "SendDeadline";
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4130, EventName = "DeliveryRetrying", Level = LogLevel.Warning, Message = "The {Channel} provider answered {StatusCode}; retry {Retry} in {Delay}")]
        public static partial void Retrying(ILogger logger, string channel, int statusCode, int retry, TimeSpan delay);

        [LoggerMessage(EventId = 4131, EventName = "DeliveryBudgetSpent", Level = LogLevel.Warning, Message = "The {Channel} provider answered {StatusCode} and asks to wait {Delay}, past the send budget of {Budget}; giving the message back to the queue")]
        public static partial void BudgetSpent(ILogger logger, string channel, int statusCode, TimeSpan delay, TimeSpan budget);
    }
}
