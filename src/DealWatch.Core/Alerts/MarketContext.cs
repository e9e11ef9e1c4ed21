using DealWatch.Core.Markets;
using Microsoft.Extensions.Logging;

namespace DealWatch.Core.Alerts;

/// <summary>The quotes shown beside an alert: the parties' shares and the main indices.</summary>
public sealed partial class MarketContext(IQuoteService quotes, ILogger<MarketContext> logger)
{
    /// <summary>The indices every deal alert shows.</summary>
    public static IReadOnlyList<string> Indices { get; } = ["^DJI", "^IXIC", "^GSPC", "^TWII"];

    /// <summary>
    /// Latest quotes for the parties' shares and the main indices. The market is context, not the alert: when no
    /// provider answers, the alert goes out without it (and the failure is logged).
    /// </summary>
    public async Task<IReadOnlyList<Quote>> ForDealAsync(IEnumerable<string> parties, CancellationToken cancellationToken)
    {
        var symbols = parties.Select(PartyTickers.Of).OfType<string>().Concat(Indices).Distinct(StringComparer.Ordinal).ToArray();
        try
        {
            var batch = await quotes.GetQuotesAsync(symbols, cancellationToken).ConfigureAwait(false);
            foreach (var error in batch.Errors)
            {
                Log.QuoteMissing(logger, error);
            }

            return batch.Quotes;
        }
        catch (HttpRequestException ex)
        {
            Log.MarketUnavailable(logger, ex);
            return [];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, EventName = "MarketContextQuoteMissing", Level = LogLevel.Warning, Message = "Market context incomplete: {Error}")]
        public static partial void QuoteMissing(ILogger logger, string error);

        [LoggerMessage(EventId = 3102, EventName = "MarketContextUnavailable", Level = LogLevel.Warning, Message = "Market context unavailable; the alert goes out without it")]
        public static partial void MarketUnavailable(ILogger logger, Exception exception);
    }
}
