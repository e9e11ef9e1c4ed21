using System.Text.Json.Serialization;

namespace DealWatch.Core.Markets;

/// <summary>What a quoted instrument is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstrumentKind>))]
public enum InstrumentKind { Index, Future, Share }

/// <summary>The trading session a quote belongs to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MarketSession>))]
public enum MarketSession { Regular, AfterHours, PreMarket, Closed }

/// <summary>One quote of one instrument against its previous close.</summary>
/// <param name="Symbol">Our symbol for the instrument (<c>^DJI</c>, <c>^IXIC</c>, <c>^GSPC</c>, <c>^TWII</c>, <c>TXF</c>, <c>AMZN</c>, <c>2330.TW</c>).</param>
/// <param name="Name">Display name ("Dow Jones Industrial Average", "台指期").</param>
/// <param name="Kind">Index, future or share.</param>
/// <param name="Price">Last price.</param>
/// <param name="PreviousClose">The close the change is measured against (for an after-hours futures session: the day session's close).</param>
/// <param name="Currency">ISO 4217 currency, or null for an index in points.</param>
/// <param name="AsOf">When the price was struck, in UTC.</param>
/// <param name="TimeZone">The market's IANA time zone (<c>America/New_York</c>, <c>Asia/Taipei</c>).</param>
/// <param name="Session">The session the price is from.</param>
/// <param name="Provider">Which provider answered.</param>
public sealed record Quote(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] InstrumentKind Kind,
    [property: JsonPropertyName("price")] decimal Price,
    [property: JsonPropertyName("previousClose")] decimal PreviousClose,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("asOf")] DateTimeOffset AsOf,
    [property: JsonPropertyName("timeZone")] string TimeZone,
    [property: JsonPropertyName("session")] MarketSession Session,
    [property: JsonPropertyName("provider")] string Provider)
{
    /// <summary>Change against the previous close, in points (or currency units).</summary>
    [JsonPropertyName("change")]
    public decimal Change => Price - PreviousClose;

    /// <summary>Change against the previous close, in percent (1.5 means +1.5%).</summary>
    [JsonPropertyName("changePercent")]
    public decimal ChangePercent => PreviousClose == 0 ? 0 : Math.Round((Price - PreviousClose) / PreviousClose * 100m, 4);
}

/// <summary>Quotes from the configured providers, with a fallback when one fails.</summary>
public interface IQuoteService
{
    /// <summary>The symbols configured to be watched.</summary>
    IReadOnlyList<string> WatchedSymbols { get; }

    /// <summary>
    /// Latest quotes for these symbols; a symbol no provider could quote is left out and reported in the
    /// result's errors, never guessed.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    Task<QuoteBatch> GetQuotesAsync(IReadOnlyCollection<string> symbols, CancellationToken cancellationToken);

    /// <summary>Daily closes of one symbol from <paramref name="from"/> (inclusive), oldest first, for the market-reaction rule.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    Task<IReadOnlyList<DailyClose>> GetDailyClosesAsync(string symbol, DateOnly from, CancellationToken cancellationToken);
}

/// <summary>The quotes one call got, and one line per symbol it could not get.</summary>
public sealed record QuoteBatch(IReadOnlyList<Quote> Quotes, IReadOnlyList<string> Errors);

/// <summary>One trading day's close, on the market's own calendar date.</summary>
public sealed record DailyClose(
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("close")] decimal Close);

/// <summary>
/// Quote snapshots in the <c>quotes</c> table: one partition per symbol, rows newest first. Saving the same
/// quote twice (same symbol and time) keeps one row.
/// </summary>
public interface IQuoteStore
{
    /// <summary>Stores a batch of quotes.</summary>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    Task SaveAsync(IReadOnlyCollection<Quote> quotes, CancellationToken cancellationToken);

    /// <summary>The newest stored quote of a symbol, or null when none was stored.</summary>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    Task<Quote?> GetLatestAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>The stored quotes of a symbol struck at or after <paramref name="since"/>, oldest first.</summary>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    Task<IReadOnlyList<Quote>> GetHistoryAsync(string symbol, DateTimeOffset since, CancellationToken cancellationToken);
}
