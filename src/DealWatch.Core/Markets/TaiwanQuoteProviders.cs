using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DealWatch.Core.Markets;

/// <summary>
/// TWSE MIS (the exchange's own real-time quotes): <c>GET {BaseUrl}/stock/api/getStockInfo.jsp?ex_ch=tse_t00.tw&amp;json=1&amp;delay=0</c> →
/// <c>{"msgArray":[{"c":"t00","ch":"t00.tw","n":"發行量加權股價指數","z":"28320.60","y":"28233.35","d":"20251103","t":"13:30:00","tlong":"1762147800000",...}],"rtcode":"0000","rtmessage":"OK"}</c>:
/// <c>z</c> the last trade ("-" before the first), <c>y</c> the previous close, <c>d</c>/<c>t</c> the Taipei date and time.
/// </summary>
internal sealed class TwseQuoteProvider(QuoteProviderOptions options, IHttpClientFactory httpClients, MarketsOptions markets, TimeProvider time)
    : QuoteProvider(options, httpClients, markets, time)
{
    public override async Task<Quote> GetQuoteAsync(Instrument instrument, CancellationToken cancellationToken)
    {
        var channel = SymbolFor(instrument)!;
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint($"stock/api/getStockInfo.jsp?ex_ch={Uri.EscapeDataString(channel)}&json=1&delay=0"));
        using var document = await GetJsonAsync(request, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (Text(root, "rtcode") is { } code && code != "0000")
        {
            throw new QuoteUnavailableException($"TWSE MIS says {code}: {Text(root, "rtmessage")}");
        }

        if (!root.TryGetProperty("msgArray", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            throw new QuoteUnavailableException("not a TWSE MIS answer: no msgArray");
        }

        // "tse_t00.tw" is channel "t00.tw", code "t00".
        var wanted = channel.Contains('_', StringComparison.Ordinal) ? channel[(channel.IndexOf('_', StringComparison.Ordinal) + 1)..] : channel;
        var entry = messages.EnumerateArray().FirstOrDefault(m =>
            string.Equals(Text(m, "ch"), wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(Text(m, "c") + ".tw", wanted, StringComparison.OrdinalIgnoreCase));
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new QuoteUnavailableException($"TWSE MIS has no entry for {channel}");
        }

        var price = ParseNumber(Text(entry, "z")) ?? throw new QuoteUnavailableException($"TWSE MIS has no trade yet for {channel} (z is \"{Text(entry, "z")}\")");
        var previous = ParseNumber(Text(entry, "y")) ?? throw new QuoteUnavailableException($"TWSE MIS has no previous close for {channel}");
        var asOf = ParseNumber(Text(entry, "tlong")) is { } ms
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms)
            : DateTime.TryParseExact(Text(entry, "d") + " " + Text(entry, "t"), "yyyyMMdd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                ? AtLocal(local, MarketTime.Zone(instrument.Market.TimeZone))
                : throw new QuoteUnavailableException($"TWSE MIS gives no time for {channel}");
        return new Quote(instrument.Symbol, instrument.Name, instrument.Kind, price, previous, instrument.Currency, asOf,
            instrument.Market.TimeZone, instrument.Market.SessionAt(asOf), Name);
    }
}

/// <summary>
/// TAIFEX MIS futures quotes: <c>POST {BaseUrl}/futures/api/getQuoteList</c> with
/// <c>{"MarketType":"0"|"1","SymbolType":"F","KindID":"1","CID":"TXF",...}</c> (0 the day session, 1 the
/// after-hours 夜盤 session) → <c>{"RtCode":"0","RtData":{"QuoteList":[{"SymbolID":"TXFK5-M","CLastPrice","CRefPrice","CDiff","CTotalVolume","CDate","CTime",...}]}}</c>.
/// Month contracts are <c>TXF</c> + month letter + year digit, <c>-F</c> in the day session and <c>-M</c> after hours;
/// the most traded one is the front month. After hours, the reference price <c>CRefPrice</c> is the day session's
/// close, so the change is measured against it. The session asked for is the one trading now (or, between
/// sessions, the one that just closed).
/// </summary>
internal sealed partial class TaifexQuoteProvider(QuoteProviderOptions options, IHttpClientFactory httpClients, MarketsOptions markets, TimeProvider time)
    : QuoteProvider(options, httpClients, markets, time)
{
    public override async Task<Quote> GetQuoteAsync(Instrument instrument, CancellationToken cancellationToken)
    {
        var commodity = SymbolFor(instrument)!;
        var zone = MarketTime.Zone(instrument.Market.TimeZone);
        var marketType = MarketTypeAt(instrument.Market, TimeZoneInfo.ConvertTime(Time.GetUtcNow(), zone));
        var fields = new Dictionary<string, string>
        {
            ["MarketType"] = marketType,
            ["SymbolType"] = "F",
            ["KindID"] = "1",
            ["CID"] = commodity,
            ["ExpireMonth"] = "",
            ["RowSize"] = "全部",
            ["PageNo"] = "",
            ["SortColumn"] = "",
            ["AscDesc"] = "A",
        };
        using var request = Options.Method == "GET"
            ? new HttpRequestMessage(HttpMethod.Get, Endpoint("futures/api/getQuoteList?" + string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"))))
            : new HttpRequestMessage(HttpMethod.Post, Endpoint("futures/api/getQuoteList"))
            {
                Content = new StringContent(JsonSerializer.Serialize(fields), Encoding.UTF8, "application/json"),
            };
        using var document = await GetJsonAsync(request, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (Text(root, "RtCode") is not "0")
        {
            throw new QuoteUnavailableException($"TAIFEX MIS says RtCode {Text(root, "RtCode") ?? "(none)"}: {Text(root, "RtMsg")}");
        }

        if (!root.TryGetProperty("RtData", out var data) || !data.TryGetProperty("QuoteList", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new QuoteUnavailableException("not a TAIFEX MIS answer: no RtData.QuoteList");
        }

        var contractPattern = new Regex("^" + Regex.Escape(commodity) + "[A-L][0-9]-[FM]$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var front = list.EnumerateArray()
            .Where(q => Text(q, "SymbolID") is { } id && contractPattern.IsMatch(id) && ParseNumber(Text(q, "CLastPrice")) is > 0)
            .OrderByDescending(q => ParseNumber(Text(q, "CTotalVolume")) ?? 0)
            .FirstOrDefault();
        if (front.ValueKind != JsonValueKind.Object)
        {
            throw new QuoteUnavailableException($"TAIFEX MIS has no traded {commodity} month contract (MarketType {marketType})");
        }

        var symbolId = Text(front, "SymbolID")!;
        var price = ParseNumber(Text(front, "CLastPrice"))!.Value;
        var previous = ParseNumber(Text(front, "CRefPrice"))
            ?? (ParseNumber(Text(front, "CDiff")) is { } diff ? price - diff : throw new QuoteUnavailableException($"TAIFEX MIS gives no reference price for {symbolId}"));
        if (!DateTime.TryParseExact(Text(front, "CDate") + Text(front, "CTime")?.PadLeft(6, '0'), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new QuoteUnavailableException($"TAIFEX MIS gives no time for {symbolId}");
        }

        var asOf = AtLocal(local, zone);
        var session = symbolId.EndsWith("-M", StringComparison.Ordinal) ? MarketSession.AfterHours : instrument.Market.SessionAt(asOf);
        return new Quote(instrument.Symbol, instrument.Name, instrument.Kind, price, previous, instrument.Currency, asOf,
            instrument.Market.TimeZone, session, Name);
    }

    /// <summary>
    /// "0" (day) from the regular session's start (08:45) until the after-hours session opens (15:00), "1" (after hours)
    /// otherwise: the hours are the market's own, from the instrument catalogue.
    /// </summary>
    internal static string MarketTypeAt(MarketHours market, DateTimeOffset local)
    {
        var clock = TimeOnly.FromDateTime(local.DateTime);
        var day = market.Sessions.First(s => s.Session == MarketSession.Regular).Start;
        var night = market.Sessions.First(s => s.Session == MarketSession.AfterHours).Start;
        return clock >= day && clock < night ? "0" : "1";
    }
}
