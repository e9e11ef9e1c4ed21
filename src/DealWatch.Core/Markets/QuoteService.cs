using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Markets;

/// <summary>
/// Quotes from the configured providers: for each symbol, the providers that can quote it are asked in the
/// configured order until one answers (the fallback). A symbol none could quote is left out and reported in
/// one line per symbol, with each provider's reason.
/// </summary>
internal sealed partial class QuoteService : IQuoteService
{
    private const int MaxParallelSymbols = 4;
    private readonly IReadOnlyList<QuoteProvider> _providers;
    private readonly MarketsOptions _options;
    private readonly ILogger<QuoteService> _logger;

    public QuoteService(IOptions<MarketsOptions> options, IHttpClientFactory httpClients, TimeProvider time, ILogger<QuoteService> logger)
    {
        _options = options.Value;
        _logger = logger;
        _providers = [.. _options.Providers.Where(p => p.Enabled).Select(p => Create(p, httpClients, _options, time))];
    }

    public IReadOnlyList<string> WatchedSymbols => _options.Symbols;

    public async Task<QuoteBatch> GetQuotesAsync(IReadOnlyCollection<string> symbols, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var ordered = symbols.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var results = new (Quote? Quote, string? Error)[ordered.Length];
        await Parallel.ForAsync(0, ordered.Length, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelSymbols, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await QuoteOneAsync(ordered[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return new QuoteBatch(
            [.. results.Where(r => r.Quote is not null).Select(r => r.Quote!)],
            [.. results.Where(r => r.Error is not null).Select(r => r.Error!)]);
    }

    public async Task<IReadOnlyList<DailyClose>> GetDailyClosesAsync(string symbol, DateOnly from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (InstrumentCatalog.Default.Find(symbol) is not { } instrument)
        {
            Log.ClosesUnavailable(_logger, symbol, "not a known symbol");
            return [];
        }

        var reasons = new List<string>();
        foreach (var provider in _providers.Where(p => p.OffersDailyCloses && p.SymbolFor(instrument) is not null))
        {
            try
            {
                var closes = await provider.GetDailyClosesAsync(instrument, from, cancellationToken).ConfigureAwait(false);
                if (closes.Count > 0)
                {
                    return closes;
                }

                reasons.Add($"{provider.Name}: no closes since {from:yyyy-MM-dd}");
            }
            catch (Exception ex) when (ex is QuoteUnavailableException or JsonException or FormatException or InvalidOperationException)
            {
                reasons.Add($"{provider.Name}: {ex.Message}");
            }
        }

        Log.ClosesUnavailable(_logger, symbol, reasons.Count == 0 ? "no provider offers daily closes for it" : string.Join("; ", reasons));
        return [];
    }

    private async Task<(Quote?, string?)> QuoteOneAsync(string symbol, CancellationToken cancellationToken)
    {
        if (InstrumentCatalog.Default.Find(symbol) is not { } instrument)
        {
            return (null, $"{symbol}: not a known symbol");
        }

        var reasons = new List<string>();
        foreach (var provider in _providers.Where(p => p.SymbolFor(instrument) is not null))
        {
            try
            {
                var quote = await provider.GetQuoteAsync(instrument, cancellationToken).ConfigureAwait(false);
                if (reasons.Count > 0)
                {
                    Log.FellBack(_logger, symbol, provider.Name, string.Join("; ", reasons));
                }

                return (quote, null);
            }
            catch (Exception ex) when (ex is QuoteUnavailableException or JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                reasons.Add($"{provider.Name}: {ex.Message}");
            }
        }

        return (null, reasons.Count == 0
            ? $"{symbol}: no configured provider can quote it"
            : $"{symbol}: no provider could quote it ({string.Join("; ", reasons)})");
    }

    private static QuoteProvider Create(QuoteProviderOptions options, IHttpClientFactory httpClients, MarketsOptions markets, TimeProvider time) => options.Kind switch
    {
        QuoteProviderKind.Chart => new ChartQuoteProvider(options, httpClients, markets, time),
        QuoteProviderKind.Csv => new CsvQuoteProvider(options, httpClients, markets, time),
        QuoteProviderKind.Twse => new TwseQuoteProvider(options, httpClients, markets, time),
        QuoteProviderKind.Taifex => new TaifexQuoteProvider(options, httpClients, markets, time),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "Unknown quote provider kind."),
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, EventName = "QuoteFellBack", Level = LogLevel.Information, Message = "Quote of {Symbol} came from {Provider} after: {Reasons}")]
        public static partial void FellBack(ILogger logger, string symbol, string provider, string reasons);

        [LoggerMessage(EventId = 5102, EventName = "DailyClosesUnavailable", Level = LogLevel.Warning, Message = "Daily closes of {Symbol} are not available: {Reasons}")]
        public static partial void ClosesUnavailable(ILogger logger, string symbol, string reasons);
    }
}
