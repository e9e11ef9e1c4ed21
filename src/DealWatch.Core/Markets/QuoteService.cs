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

        var (closes, _, reasons) = await AskInTurnAsync(
            _providers.Where(p => p.OffersDailyCloses && p.SymbolFor(instrument) is not null),
            provider => provider.GetDailyClosesAsync(instrument, from, cancellationToken),
            answer => answer.Count > 0 ? null : $"no closes since {from:yyyy-MM-dd}").ConfigureAwait(false);
        if (closes is not null)
        {
            return closes;
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

        var (quote, answeredBy, reasons) = await AskInTurnAsync(
            _providers.Where(p => p.SymbolFor(instrument) is not null),
            provider => provider.GetQuoteAsync(instrument, cancellationToken),
            _ => null).ConfigureAwait(false);
        if (quote is not null)
        {
            if (reasons.Count > 0)
            {
                Log.FellBack(_logger, symbol, answeredBy!.Name, string.Join("; ", reasons));
            }

            return (quote, null);
        }

        return (null, reasons.Count == 0
            ? $"{symbol}: no configured provider can quote it"
            : $"{symbol}: no provider could quote it ({string.Join("; ", reasons)})");
    }

    /// <summary>
    /// The fallback: asks <paramref name="providers"/> in order until one gives an answer <paramref name="rejection"/> accepts
    /// (returns null for); the reasons of those before it, one per provider, in order. A provider that fails (unavailable,
    /// an answer it cannot read) is a reason, not an error.
    /// </summary>
    private static async Task<(T? Answer, QuoteProvider? From, List<string> Reasons)> AskInTurnAsync<T>(
        IEnumerable<QuoteProvider> providers, Func<QuoteProvider, Task<T>> ask, Func<T, string?> rejection)
        where T : class
    {
        var reasons = new List<string>();
        foreach (var provider in providers)
        {
            try
            {
                var answer = await ask(provider).ConfigureAwait(false);
                if (rejection(answer) is not { } reason)
                {
                    return (answer, provider, reasons);
                }

                reasons.Add($"{provider.Name}: {reason}");
            }
            catch (Exception ex) when (ex is QuoteUnavailableException or JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                reasons.Add($"{provider.Name}: {ex.Message}");
            }
        }

        return (null, null, reasons);
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
