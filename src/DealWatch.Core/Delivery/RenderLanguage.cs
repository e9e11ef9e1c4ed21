using System.Globalization;
using DealWatch.Core.Alerts;
using DealWatch.Core.Markets;

namespace DealWatch.Core.Delivery;

/// <summary>The languages alerts are written in.</summary>
internal enum RenderLanguage
{
    En,
    ZhHant,
}

/// <summary>
/// The words and number formats of one language. Amounts follow the reader's units: US$38B and US$1.4T in
/// English, 380億美元 and 1.4兆美元 in Traditional Chinese (億 = 10^8, 兆 = 10^12). Signs use the true minus (−).
/// </summary>
internal sealed record Phrases
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public required RenderLanguage Language { get; init; }
    public required string Tag { get; init; }
    public required string Comma { get; init; }
    public required string ListSeparator { get; init; }
    public required string OpenParen { get; init; }
    public required string CloseParen { get; init; }
    public required string Colon { get; init; }
    public required string DealPrefix { get; init; }
    public required string UpdatePrefix { get; init; }
    public required string UnnamedParties { get; init; }
    public required Func<string, string, string> AmountRevised { get; init; }
    public required Func<string, string> AmountNow { get; init; }
    public required Func<double, string> Years { get; init; }
    public required string PointsUnit { get; init; }
    public required Func<string, string> At { get; init; }
    public required Func<string, int, string, string, string> Reaction { get; init; }
    public required Func<int, string, string> ReactionWindow { get; init; }
    public required IReadOnlyDictionary<AlertKind, string> KindLabels { get; init; }
    public required IReadOnlyDictionary<MarketSession, string> Sessions { get; init; }
    public required string FuturesNightSession { get; init; }
    public required string NightSessionLabel { get; init; }
    public required string ShareAfterHours { get; init; }
    public required string PreMarket { get; init; }
    public required string FactParties { get; init; }
    public required string FactBuyerProvider { get; init; }
    public required string FactType { get; init; }
    public required string FactAmount { get; init; }
    public required string FactDuration { get; init; }
    public required string FactCapacity { get; init; }
    public required string FactFirstReported { get; init; }
    public required string FactSources { get; init; }
    public required string FactMarket { get; init; }
    public required string FactInstrument { get; init; }
    public required string FactLast { get; init; }
    public required string FactChange { get; init; }
    public required string FactPreviousClose { get; init; }
    public required string FactSession { get; init; }
    public required string FactAsOf { get; init; }
    public required string FactRule { get; init; }
    public required string FactReaction { get; init; }
    public required string FactBaseClose { get; init; }
    public required Func<string, string> AsReported { get; init; }
    public required Func<string, string> Was { get; init; }
    public required Func<int, string> StoryCount { get; init; }
    public required string SourcesHeading { get; init; }
    public required string MarketHeading { get; init; }
    public required string MarketName { get; init; }
    public required string MarketPrice { get; init; }
    public required string MarketChange { get; init; }
    public required string MarketPercent { get; init; }
    public required Func<int, string> MoreSources { get; init; }
    public required string ReadFirstStory { get; init; }
    public required Func<string, string> Footer { get; init; }
    public required Func<DateOnly, int, string> DigestSubject { get; init; }
    public required Func<DateOnly, int, string> DigestIntro { get; init; }
    public required string DigestEmpty { get; init; }
    public required Func<string, string> RuleText { get; init; }

    public static Phrases En { get; } = new()
    {
        Language = RenderLanguage.En,
        Tag = "en",
        Comma = ", ",
        ListSeparator = ", ",
        OpenParen = " (",
        CloseParen = ")",
        Colon = ": ",
        DealPrefix = "Compute deal: ",
        UpdatePrefix = "Deal update: ",
        UnnamedParties = "unnamed parties",
        AmountRevised = (from, to) => $"amount revised from {from} to {to}",
        AmountNow = amount => $"amount now {amount}",
        Years = years => years == 1 ? "1 year" : $"{Number(years)} years",
        PointsUnit = " pts",
        At = price => $" at {price}",
        Reaction = (ticker, days, percent, pair) => $"{ticker} {percent} in {days} trading day{(days == 1 ? "" : "s")} after the {pair} deal",
        ReactionWindow = (days, percent) => $"{percent} in {days} trading day{(days == 1 ? "" : "s")}",
        KindLabels = new Dictionary<AlertKind, string>
        {
            [AlertKind.Deal] = "Compute deal",
            [AlertKind.DealUpdate] = "Deal update",
            [AlertKind.IndexMove] = "Index move",
            [AlertKind.ShareMove] = "Share move",
            [AlertKind.MarketReaction] = "Market reaction",
            [AlertKind.Digest] = "Daily digest",
        },
        Sessions = new Dictionary<MarketSession, string>
        {
            [MarketSession.Regular] = "Regular",
            [MarketSession.AfterHours] = "After hours",
            [MarketSession.PreMarket] = "Pre-market",
            [MarketSession.Closed] = "Closed",
        },
        FuturesNightSession = " night session",
        NightSessionLabel = "Night session",
        ShareAfterHours = " (after hours)",
        PreMarket = " (pre-market)",
        FactParties = "Parties",
        FactBuyerProvider = "Buyer → provider",
        FactType = "Type",
        FactAmount = "Amount",
        FactDuration = "Duration",
        FactCapacity = "Capacity",
        FactFirstReported = "First reported",
        FactSources = "Sources",
        FactMarket = "Market",
        FactInstrument = "Instrument",
        FactLast = "Last",
        FactChange = "Change",
        FactPreviousClose = "Previous close",
        FactSession = "Session",
        FactAsOf = "As of",
        FactRule = "Rule",
        FactReaction = "Reaction",
        FactBaseClose = "Base close",
        AsReported = text => $"as reported: “{text}”",
        Was = amount => $"was {amount}",
        StoryCount = n => n == 1 ? "1 story" : $"{n} stories",
        SourcesHeading = "Sources",
        MarketHeading = "Market",
        MarketName = "Instrument",
        MarketPrice = "Last",
        MarketChange = "Change",
        MarketPercent = "%",
        MoreSources = n => $"+{n} more",
        ReadFirstStory = "Read the first story",
        Footer = id => $"DealWatch alert {id}",
        DigestSubject = (day, n) => $"DealWatch daily digest, {day:yyyy-MM-dd}: {n} alert{(n == 1 ? "" : "s")}",
        DigestIntro = (day, n) => $"{n} alert{(n == 1 ? "" : "s")} for {day:yyyy-MM-dd}.",
        DigestEmpty = "No alerts for this day.",
        RuleText = rule => rule,
    };

    public static Phrases ZhHant { get; } = new()
    {
        Language = RenderLanguage.ZhHant,
        Tag = "zh-Hant",
        Comma = "，",
        ListSeparator = "、",
        OpenParen = "（",
        CloseParen = "）",
        Colon = "：",
        DealPrefix = "算力大單：",
        UpdatePrefix = "交易更新：",
        UnnamedParties = "未具名方",
        AmountRevised = (from, to) => $"金額由{from}修正為{to}",
        AmountNow = amount => $"金額為{amount}",
        Years = years => $"{Number(years)}年",
        PointsUnit = " 點",
        At = price => $"，報 {price}",
        Reaction = (ticker, days, percent, pair) => $"{pair} 交易後 {days} 個交易日，{ticker} {percent}",
        ReactionWindow = (days, percent) => $"{days} 個交易日 {percent}",
        KindLabels = new Dictionary<AlertKind, string>
        {
            [AlertKind.Deal] = "算力大單",
            [AlertKind.DealUpdate] = "交易更新",
            [AlertKind.IndexMove] = "指數異動",
            [AlertKind.ShareMove] = "個股異動",
            [AlertKind.MarketReaction] = "市場反應",
            [AlertKind.Digest] = "每日摘要",
        },
        Sessions = new Dictionary<MarketSession, string>
        {
            [MarketSession.Regular] = "一般交易時段",
            [MarketSession.AfterHours] = "盤後",
            [MarketSession.PreMarket] = "盤前",
            [MarketSession.Closed] = "休市",
        },
        FuturesNightSession = "夜盤",
        NightSessionLabel = "夜盤",
        ShareAfterHours = "盤後",
        PreMarket = "盤前",
        FactParties = "參與方",
        FactBuyerProvider = "買方 → 供應方",
        FactType = "類型",
        FactAmount = "金額",
        FactDuration = "期間",
        FactCapacity = "算力規模",
        FactFirstReported = "首次報導",
        FactSources = "報導",
        FactMarket = "市場",
        FactInstrument = "標的",
        FactLast = "最新價",
        FactChange = "漲跌",
        FactPreviousClose = "前收盤",
        FactSession = "時段",
        FactAsOf = "報價時間",
        FactRule = "門檻",
        FactReaction = "反應",
        FactBaseClose = "基準收盤",
        AsReported = text => $"報導原文：「{text}」",
        Was = amount => $"原為{amount}",
        StoryCount = n => $"{n} 則",
        SourcesHeading = "報導來源",
        MarketHeading = "市場行情",
        MarketName = "標的",
        MarketPrice = "最新價",
        MarketChange = "漲跌",
        MarketPercent = "漲跌幅",
        MoreSources = n => $"另有 {n} 則",
        ReadFirstStory = "閱讀首篇報導",
        Footer = id => $"DealWatch 快訊編號 {id}",
        DigestSubject = (day, n) => $"DealWatch 每日摘要 {day:yyyy-MM-dd}：{n} 則快訊",
        DigestIntro = (day, n) => $"{day:yyyy-MM-dd} 共 {n} 則快訊。",
        DigestEmpty = "本日沒有快訊。",
        // The rules describe themselves in English ("1.5% or 150 points").
        RuleText = rule => rule.Replace(" or ", " 或 ", StringComparison.Ordinal).Replace(" points", " 點", StringComparison.Ordinal),
    };

    /// <summary><c>zh-Hant</c> (and zh-TW, zh-HK, zh-Hant-*) get Traditional Chinese; everything else English.</summary>
    public static Phrases For(string? language)
    {
        var tag = language?.Trim() ?? "";
        return tag.StartsWith("zh-Hant", StringComparison.OrdinalIgnoreCase)
            || tag.Equals("zh-TW", StringComparison.OrdinalIgnoreCase)
            || tag.Equals("zh-HK", StringComparison.OrdinalIgnoreCase)
            ? ZhHant
            : En;
    }

    /// <summary>US$38B, US$1.4T, US$250M (English); 380億美元, 1.4兆美元, 2500萬美元 (Chinese).</summary>
    public string Usd(decimal amount)
    {
        var abs = Math.Abs(amount);
        var sign = amount < 0 ? "−" : "";
        if (Language == RenderLanguage.ZhHant)
        {
            return abs switch
            {
                >= 1_000_000_000_000m => $"{sign}{Trim(abs / 1_000_000_000_000m, "0.##")}兆美元",
                >= 100_000_000m => $"{sign}{Trim(abs / 100_000_000m, "0.##")}億美元",
                >= 10_000m => $"{sign}{Trim(abs / 10_000m, "0.##")}萬美元",
                _ => $"{sign}{abs.ToString("#,0", Invariant)}美元",
            };
        }

        return abs switch
        {
            >= 1_000_000_000_000m => $"{sign}US${Trim(abs / 1_000_000_000_000m)}T",
            >= 1_000_000_000m => $"{sign}US${Trim(abs / 1_000_000_000m)}B",
            >= 1_000_000m => $"{sign}US${Trim(abs / 1_000_000m)}M",
            _ => $"{sign}US${abs.ToString("#,0", Invariant)}",
        };
    }

    /// <summary>A price in its currency: US$254.10 / 254.10 美元; NT$1,025.00 / 1,025.00 元.</summary>
    public string Money(decimal price, string? currency)
    {
        var value = price.ToString("#,0.00", Invariant);
        var code = currency?.ToUpperInvariant();
        if (Language == RenderLanguage.ZhHant)
        {
            return code switch
            {
                null or "" => value,
                "USD" => $"{value} 美元",
                "TWD" => $"{value} 元",
                "JPY" => $"{value} 日圓",
                "EUR" => $"{value} 歐元",
                _ => $"{value} {code}",
            };
        }

        return code switch
        {
            null or "" => value,
            "USD" => $"US${value}",
            "TWD" => $"NT${value}",
            "JPY" => $"JP¥{value}",
            "EUR" => $"€{value}",
            _ => $"{code} {value}",
        };
    }

    /// <summary>Index levels and futures prices: whole points from 1,000 up (46,912), two decimals below.</summary>
    public static string Level(decimal price) =>
        price.ToString(Math.Abs(price) >= 1000m ? "#,0" : "#,0.00", Invariant);

    /// <summary>Signed points: −574 (whole from 10 up), +3.25 below.</summary>
    public static string SignedPoints(decimal change) =>
        Sign(change) + Math.Abs(change).ToString(Math.Abs(change) >= 10m ? "#,0" : "#,0.##", Invariant);

    /// <summary>Signed percent with <paramref name="decimals"/> decimals: +4.8%, −1.2%.</summary>
    public static string SignedPercent(decimal percent, int decimals = 1)
    {
        var rounded = Math.Round(percent, decimals, MidpointRounding.AwayFromZero);
        var format = decimals == 0 ? "0" : "0." + new string('0', decimals);
        return (rounded == 0 ? "" : Sign(rounded)) + Math.Abs(rounded).ToString(format, Invariant) + "%";
    }

    /// <summary>A time as readers compare it across desks: 2025-11-03 13:00 UTC.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);

    /// <summary>6 GW, 1.5 GW.</summary>
    public static string Gigawatts(double gw) => $"{Number(gw)} GW";

    public static string Number(double value) => value.ToString("#,0.##", Invariant);

    // Chinese amounts are written without thousands separators (3800億美元), English ones with them (US$1,200B never happens: T takes over).
    private static string Trim(decimal value, string format = "#,0.##") => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString(format, Invariant);

    private static string Sign(decimal value) => value < 0 ? "−" : "+";
}
