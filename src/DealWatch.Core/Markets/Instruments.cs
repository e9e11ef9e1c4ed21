using System.Collections.Frozen;
using System.Text.RegularExpressions;
using DealWatch.Core.Sources;

namespace DealWatch.Core.Markets;

/// <summary>A quotable instrument: our symbol, what it is, its market, and each provider kind's symbol for it.</summary>
internal sealed record Instrument(
    string Symbol,
    string Name,
    InstrumentKind Kind,
    string? Currency,
    MarketHours Market,
    IReadOnlyDictionary<QuoteProviderKind, string> ProviderSymbols)
{
    /// <summary>The provider kind's symbol, or null when that kind cannot quote this instrument.</summary>
    public string? SymbolFor(QuoteProviderKind kind) => ProviderSymbols.GetValueOrDefault(kind);
}

/// <summary>One market's time zone and trading sessions (local times; a session may run past midnight).</summary>
internal sealed record MarketHours(string Id, string TimeZone, IReadOnlyList<SessionHours> Sessions)
{
    private readonly TimeZoneInfo _zone = MarketTime.Zone(TimeZone);

    /// <summary>The regular session first, then the others in their configured order: the order <see cref="SessionAt"/> tries them.</summary>
    private readonly SessionHours[] _sessionsToTry = [.. Sessions.OrderBy(s => s.Session == MarketSession.Regular ? 0 : 1)];

    /// <summary>
    /// The session a price struck at <paramref name="at"/> belongs to. A session's end is inclusive (a close
    /// struck at 16:00:00 is the regular session's). Weekends are closed (an overnight session that starts on
    /// Friday runs into Saturday); exchange holidays are not known.
    /// </summary>
    public MarketSession SessionAt(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, _zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var day = local.DayOfWeek;
        foreach (var session in _sessionsToTry)
        {
            if (session.Start <= session.End)
            {
                if (IsWeekday(day) && time >= session.Start && time <= session.End)
                {
                    return session.Session;
                }
            }
            else if ((IsWeekday(day) && time >= session.Start) || (IsWeekday(day - 1 < 0 ? DayOfWeek.Saturday : day - 1) && time <= session.End && day != DayOfWeek.Sunday))
            {
                return session.Session;
            }
        }

        return MarketSession.Closed;
    }

    private static bool IsWeekday(DayOfWeek day) => day is >= DayOfWeek.Monday and <= DayOfWeek.Friday;
}

internal sealed record SessionHours(MarketSession Session, TimeOnly Start, TimeOnly End);

/// <summary>The instruments and markets of the embedded <c>Markets/Data/instruments.json</c>.</summary>
internal sealed partial class InstrumentCatalog
{
    private readonly FrozenDictionary<string, Instrument> _instruments;
    private readonly FrozenDictionary<string, MarketHours> _markets;

    private InstrumentCatalog(FrozenDictionary<string, Instrument> instruments, FrozenDictionary<string, MarketHours> markets)
    {
        _instruments = instruments;
        _markets = markets;
    }

    public static InstrumentCatalog Default { get; } = Load();

    public MarketHours Market(string id) => _markets[id];

    /// <summary>The instrument for our symbol: listed, or inferred (US ticker, NNNN.TW), or null.</summary>
    public Instrument? Find(string symbol)
    {
        symbol = symbol.Trim();
        if (_instruments.TryGetValue(symbol, out var known))
        {
            return known;
        }

        if (TaiwanShareRegex().Match(symbol) is { Success: true } tw)
        {
            var code = tw.Groups["code"].Value;
            return new Instrument(symbol.ToUpperInvariant(), code, InstrumentKind.Share, "TWD", _markets["twse"], new Dictionary<QuoteProviderKind, string>
            {
                [QuoteProviderKind.Chart] = code + ".TW",
                [QuoteProviderKind.Twse] = $"tse_{code}.tw",
            });
        }

        if (UsTickerRegex().IsMatch(symbol))
        {
            var upper = symbol.ToUpperInvariant();
            return new Instrument(upper, upper, InstrumentKind.Share, "USD", _markets["us"], UsSymbols(upper));
        }

        return null;
    }

    private static Dictionary<QuoteProviderKind, string> UsSymbols(string symbol) => new()
    {
        [QuoteProviderKind.Chart] = symbol,
        [QuoteProviderKind.Csv] = symbol.ToLowerInvariant().Replace('.', '-') + ".us",
    };

    private static InstrumentCatalog Load()
    {
        var data = EmbeddedData.Load<CatalogData>("Markets.Data.instruments.json");
        var markets = data.Markets.ToFrozenDictionary(
            m => m.Key,
            m => new MarketHours(m.Key, m.Value.TimeZone, [.. m.Value.Sessions.Select(s => new SessionHours(
                Enum.Parse<MarketSession>(s.Session), TimeOnly.Parse(s.Start, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(s.End, System.Globalization.CultureInfo.InvariantCulture)))]),
            StringComparer.OrdinalIgnoreCase);
        var instruments = data.Instruments.ToFrozenDictionary(
            i => i.Key,
            i =>
            {
                var kind = Enum.Parse<InstrumentKind>(i.Value.Kind);
                var market = markets[i.Value.Market];
                var symbols = i.Value.Symbols?.ToDictionary(s => Enum.Parse<QuoteProviderKind>(s.Key, ignoreCase: true), s => s.Value)
                    ?? UsSymbols(i.Key);
                return new Instrument(i.Key, i.Value.Name, kind, kind == InstrumentKind.Index ? null : i.Value.Currency, market, symbols);
            },
            StringComparer.OrdinalIgnoreCase);
        return new InstrumentCatalog(instruments, markets);
    }

    [GeneratedRegex(@"^(?<code>\d{4,6})\.TWO?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TaiwanShareRegex();

    [GeneratedRegex(@"^[A-Za-z]{1,5}([.-][A-Za-z])?$", RegexOptions.CultureInvariant)]
    private static partial Regex UsTickerRegex();

    private sealed record CatalogData(Dictionary<string, MarketData> Markets, Dictionary<string, InstrumentData> Instruments);

    private sealed record MarketData(string TimeZone, List<SessionData> Sessions);

    private sealed record SessionData(string Session, string Start, string End);

    private sealed record InstrumentData(string Name, string Kind, string Market, string? Currency, Dictionary<string, string>? Symbols);
}
