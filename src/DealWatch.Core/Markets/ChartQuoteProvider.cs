using System.Globalization;
using System.Text.Json;

namespace DealWatch.Core.Markets;

/// <summary>
/// Chart JSON in the Yahoo v8 shape: <c>GET {BaseUrl}/v8/finance/chart/{symbol}?interval=1d&amp;range=5d</c> →
/// <c>{"chart":{"result":[{"meta":{"regularMarketPrice","regularMarketTime","exchangeTimezoneName","chartPreviousClose",...},
/// "timestamp":[...],"indicators":{"quote":[{"close":[...]}]}}],"error":null}}</c>. The previous close is the
/// last daily close before the price's own market date (<c>chartPreviousClose</c> is the close before the whole
/// range, so it serves only when the range starts on the price's date).
/// </summary>
internal sealed class ChartQuoteProvider(QuoteProviderOptions options, IHttpClientFactory httpClients, MarketsOptions markets, TimeProvider time)
    : QuoteProvider(options, httpClients, markets, time)
{
    public override bool OffersDailyCloses => true;

    public override async Task<Quote> GetQuoteAsync(Instrument instrument, CancellationToken cancellationToken)
    {
        var chart = await FetchAsync(SymbolFor(instrument)!, "interval=1d&range=5d", instrument, cancellationToken).ConfigureAwait(false);
        var price = chart.Price ?? throw new QuoteUnavailableException("the chart has no regularMarketPrice");
        var asOf = chart.Time ?? throw new QuoteUnavailableException("the chart has no regularMarketTime");
        var quoteDate = MarketTime.DateAt(asOf, chart.TimeZone);
        var previous = chart.Closes.LastOrDefault(c => c.Date < quoteDate)?.Close
            ?? chart.PreviousClose
            ?? (chart.Closes.Count == 0 || chart.Closes[0].Date >= quoteDate ? chart.ChartPreviousClose : null)
            ?? throw new QuoteUnavailableException("the chart has no close before the price's date");
        return new Quote(instrument.Symbol, instrument.Name, instrument.Kind, price, previous,
            instrument.Kind == InstrumentKind.Index ? null : instrument.Currency ?? chart.Currency,
            asOf, chart.TimeZone, instrument.Market.SessionAt(asOf), Name);
    }

    public override async Task<IReadOnlyList<DailyClose>> GetDailyClosesAsync(Instrument instrument, DateOnly from, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1).ToUnixTimeSeconds();
        var end = Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds();
        var chart = await FetchAsync(SymbolFor(instrument)!, $"interval=1d&period1={start}&period2={end}", instrument, cancellationToken).ConfigureAwait(false);
        return [.. chart.Closes.Where(c => c.Date >= from)];
    }

    private async Task<Chart> FetchAsync(string symbol, string query, Instrument instrument, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint($"v8/finance/chart/{Uri.EscapeDataString(symbol)}?{query}"));
        using var document = await GetJsonAsync(request, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (!root.TryGetProperty("chart", out var chart) || chart.ValueKind != JsonValueKind.Object)
        {
            throw new QuoteUnavailableException("not a chart answer: no 'chart' object");
        }

        if (chart.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            throw new QuoteUnavailableException($"the chart API says: {Text(error, "description") ?? Text(error, "code") ?? "error"}");
        }

        if (!chart.TryGetProperty("result", out var results) || results.ValueKind != JsonValueKind.Array || results.GetArrayLength() == 0)
        {
            throw new QuoteUnavailableException($"the chart API has no result for {symbol}");
        }

        var result = results[0];
        var meta = result.TryGetProperty("meta", out var m) ? m : default;
        var timeZone = Text(meta, "exchangeTimezoneName") ?? instrument.Market.TimeZone;
        var zone = MarketTime.Zone(timeZone);
        var closes = new List<DailyClose>();
        if (result.TryGetProperty("timestamp", out var timestamps) && timestamps.ValueKind == JsonValueKind.Array
            && result.TryGetProperty("indicators", out var indicators) && indicators.TryGetProperty("quote", out var quotes)
            && quotes.ValueKind == JsonValueKind.Array && quotes.GetArrayLength() > 0
            && quotes[0].TryGetProperty("close", out var closeArray) && closeArray.ValueKind == JsonValueKind.Array)
        {
            var count = Math.Min(timestamps.GetArrayLength(), closeArray.GetArrayLength());
            for (var i = 0; i < count; i++)
            {
                if (timestamps[i].ValueKind == JsonValueKind.Number && closeArray[i].ValueKind == JsonValueKind.Number && closeArray[i].TryGetDecimal(out var close))
                {
                    var date = MarketTime.DateAt(DateTimeOffset.FromUnixTimeSeconds(timestamps[i].GetInt64()), zone);
                    closes.RemoveAll(c => c.Date == date);
                    closes.Add(new DailyClose(date, Math.Round(close, 4)));
                }
            }
        }

        long? marketTime = meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("regularMarketTime", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt64() : null;
        return new Chart(
            Number(meta, "regularMarketPrice"),
            marketTime is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            timeZone,
            Text(meta, "currency"),
            Number(meta, "previousClose"),
            Number(meta, "chartPreviousClose"),
            [.. closes.OrderBy(c => c.Date)]);
    }

    private sealed record Chart(decimal? Price, DateTimeOffset? Time, string TimeZone, string? Currency, decimal? PreviousClose, decimal? ChartPreviousClose, List<DailyClose> Closes);
}

/// <summary>
/// CSV quotes in the stooq shape. Latest: <c>GET {BaseUrl}/q/l/?s={symbol}&amp;f=sd2t2ohlcv&amp;h&amp;e=csv</c> →
/// <c>Symbol,Date,Time,Open,High,Low,Close,Volume</c> (<c>N/D</c> where there is no data); the row whose Symbol
/// matches is used, so a multi-symbol answer works too. The CSV quote has no previous close: it comes from the daily
/// history, <c>GET {BaseUrl}/q/d/l/?s={symbol}&amp;i=d&amp;d1=yyyyMMdd&amp;d2=yyyyMMdd</c> → <c>Date,Open,High,Low,Close,Volume</c>.
/// </summary>
internal sealed class CsvQuoteProvider(QuoteProviderOptions options, IHttpClientFactory httpClients, MarketsOptions markets, TimeProvider time)
    : QuoteProvider(options, httpClients, markets, time)
{
    public override bool OffersDailyCloses => true;

    public override async Task<Quote> GetQuoteAsync(Instrument instrument, CancellationToken cancellationToken)
    {
        var symbol = SymbolFor(instrument)!;
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint($"q/l/?s={Uri.EscapeDataString(symbol)}&f=sd2t2ohlcv&h&e=csv"));
        var rows = Csv(await SendAsync(request, cancellationToken).ConfigureAwait(false));
        var row = rows.FirstOrDefault(r => string.Equals(r.GetValueOrDefault("Symbol"), symbol, StringComparison.OrdinalIgnoreCase))
            ?? throw new QuoteUnavailableException($"the CSV has no row for {symbol}");
        var price = ParseNumber(row.GetValueOrDefault("Close")) ?? throw new QuoteUnavailableException($"no data for {symbol} (N/D)");
        if (!DateOnly.TryParseExact(row.GetValueOrDefault("Date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new QuoteUnavailableException($"the CSV row for {symbol} has no date");
        }

        var clock = TimeOnly.TryParseExact(row.GetValueOrDefault("Time"), "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : new TimeOnly(23, 59, 59);
        var asOf = AtLocal(date.ToDateTime(clock), MarketTime.Zone(Options.TimeZone ?? "Europe/Warsaw"));
        var history = await HistoryAsync(symbol, date.AddDays(-14), date, cancellationToken).ConfigureAwait(false);
        var previous = history.LastOrDefault(c => c.Date < date)?.Close
            ?? throw new QuoteUnavailableException($"the daily history of {symbol} has no close before {date:yyyy-MM-dd}");
        return new Quote(instrument.Symbol, instrument.Name, instrument.Kind, price, previous, instrument.Currency, asOf,
            instrument.Market.TimeZone, instrument.Market.SessionAt(asOf), Name);
    }

    public override async Task<IReadOnlyList<DailyClose>> GetDailyClosesAsync(Instrument instrument, DateOnly from, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime).AddDays(1);
        return await HistoryAsync(SymbolFor(instrument)!, from, today, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<DailyClose>> HistoryAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint(
            $"q/d/l/?s={Uri.EscapeDataString(symbol)}&i=d&d1={from:yyyyMMdd}&d2={to:yyyyMMdd}"));
        var closes = new List<DailyClose>();
        foreach (var row in Csv(await SendAsync(request, cancellationToken).ConfigureAwait(false)))
        {
            if (DateOnly.TryParseExact(row.GetValueOrDefault("Date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && date >= from && date <= to && ParseNumber(row.GetValueOrDefault("Close")) is { } close)
            {
                closes.Add(new DailyClose(date, close));
            }
        }

        return [.. closes.OrderBy(c => c.Date)];
    }

    private static List<Dictionary<string, string>> Csv(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || !lines[0].Contains(',', StringComparison.Ordinal))
        {
            var start = lines.Length == 0 ? "" : lines[0].Length > 40 ? lines[0][..40] : lines[0];
            throw new QuoteUnavailableException($"not a CSV answer (it starts with \"{start}\")");
        }

        var header = lines[0].Split(',', StringSplitOptions.TrimEntries);
        var rows = new List<Dictionary<string, string>>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',', StringSplitOptions.TrimEntries);
            var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < Math.Min(cells.Length, header.Length); i++)
            {
                row[header[i]] = cells[i];
            }

            rows.Add(row);
        }

        return rows;
    }
}
