using DealWatch.Core.Markets;
using Microsoft.Extensions.Logging;

namespace DealWatch.Core.Alerts;

/// <summary>The quotes shown beside an alert: the parties' shares and the main indices.</summary>
public sealed partial class MarketContext(IQuoteStore snapshots, IQuoteService quotes, TimeProvider time, ILogger<MarketContext> logger)
{
    /// <summary>A stored snapshot younger than this stands for the market; older, the providers are asked.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(10);

    /// <summary>The indices every deal alert shows.</summary>
    public static IReadOnlyList<string> Indices { get; } = ["^DJI", "^IXIC", "^GSPC", "^TWII"];

    /// <summary>
    /// Latest quotes for the parties' shares and the main indices: the snapshot <c>PollMarkets</c> stored when it
    /// is fresh, else the providers. The market is context, not the alert: when neither has a quote, the alert goes
    /// out without it (and the gap is logged).
    /// </summary>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task<IReadOnlyList<Quote>> ForDealAsync(IEnumerable<string> parties, CancellationToken cancellationToken)
    {
        var symbols = parties.Select(PartyTickers.Of).OfType<string>().Concat(Indices).Distinct(StringComparer.Ordinal).ToArray();
        var found = new List<Quote>(symbols.Length);
        var missing = new List<string>();
        var now = time.GetUtcNow();
        // One point read per symbol, all at once: they are independent.
        var latest = await Task.WhenAll(symbols.Select(symbol => snapshots.GetLatestAsync(symbol, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < symbols.Length; i++)
        {
            if (latest[i] is { } stored && now - stored.AsOf <= Freshness)
            {
                found.Add(stored);
            }
            else
            {
                missing.Add(symbols[i]);
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        try
        {
            var batch = await quotes.GetQuotesAsync(missing, cancellationToken).ConfigureAwait(false);
            foreach (var error in batch.Errors)
            {
                Log.QuoteMissing(logger, error);
            }

            found.AddRange(batch.Quotes);
        }
        catch (HttpRequestException ex)
        {
            Log.MarketUnavailable(logger, ex);
        }

        return found;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, EventName = "MarketContextQuoteMissing", Level = LogLevel.Warning, Message = "Market context incomplete: {Error}")]
        public static partial void QuoteMissing(ILogger logger, string error);

        [LoggerMessage(EventId = 3102, EventName = "MarketContextUnavailable", Level = LogLevel.Warning, Message = "Market context unavailable; the alert goes out without it")]
        public static partial void MarketUnavailable(ILogger logger, Exception exception);
    }
}
