using DealWatch.Core.Alerts;
using DealWatch.Core.Markets;

namespace DealWatch.Core.Delivery;

/// <summary>
/// Builds the <see cref="AlertView"/> of an alert: headline, facts, sources and market, in the alert's language.
/// Texts that come from stories or party ids go through <paramref name="clean"/> (identity for email, whose
/// writer HTML-encodes everything; markdown neutralisation for Teams) after <see cref="MarkupSafety.PlainLine"/>.
/// </summary>
internal sealed class AlertComposer(Phrases phrases, Func<string, string> clean)
{
    private const int MaxTitleLength = 300;
    private const int MaxOutletLength = 100;

    public Phrases Phrases => phrases;

    public AlertView Compose(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var facts = new List<ViewFact>();
        var sources = alert.Deal is { } deal ? Sources(deal) : [];
        var headline = alert.Kind switch
        {
            AlertKind.Deal when alert.Deal is { } d => DealHeadline(d, facts),
            AlertKind.DealUpdate when alert.Deal is { } d => UpdateHeadline(d, facts),
            AlertKind.IndexMove or AlertKind.ShareMove when alert.Move is { } m => MoveHeadline(m, facts),
            AlertKind.MarketReaction when alert.Move is { } m => ReactionHeadline(m, alert.Deal, facts),
            _ => $"{Label(alert.Kind)}{phrases.Colon}{Clean(alert.Id)}",
        };

        var market = alert.Market.Select(Quote).ToArray();
        if (market.Length > 0)
        {
            facts.Add(new ViewFact(phrases.FactMarket, string.Join(" · ", market.Select(q => q.Summary))));
        }

        return new AlertView(Clean(alert.Id), alert.Kind, Label(alert.Kind), MarkupSafety.PlainLine(headline, 400), facts, sources, market, phrases.Footer(Clean(alert.Id)));
    }

    /// <summary>The parties as the headline names them: buyer ⇄ provider, then any other party.</summary>
    public string Pair(DealFacts deal)
    {
        var names = new List<string>();
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(deal.Buyer) && !string.IsNullOrWhiteSpace(deal.Provider))
        {
            names.Add($"{Party(deal.Buyer)} ⇄ {Party(deal.Provider, asProvider: true)}");
            named.Add(deal.Buyer.Trim());
            named.Add(deal.Provider.Trim());
        }

        var others = deal.Parties.Where(p => !string.IsNullOrWhiteSpace(p) && named.Add(p.Trim())).Select(p => Party(p, IsProvider(deal, p))).ToList();
        if (names.Count == 0)
        {
            if (others.Count == 0 && !string.IsNullOrWhiteSpace(deal.Buyer ?? deal.Provider))
            {
                others.Add(Party((deal.Buyer ?? deal.Provider)!, asProvider: deal.Buyer is null));
            }

            return others.Count == 0 ? phrases.UnnamedParties : string.Join(" ⇄ ", others);
        }

        return others.Count == 0 ? names[0] : $"{names[0]} + {string.Join(" + ", others)}";
    }

    private string DealHeadline(DealFacts deal, List<ViewFact> facts)
    {
        DealFactsOf(deal, facts, amountNote: null);
        var details = new List<string>();
        if (deal.AmountUsd is { } amount)
        {
            details.Add(phrases.Usd(amount));
        }

        if (deal.DurationYears is { } years)
        {
            details.Add(phrases.Years(years));
        }

        if (deal.CapacityGw is { } gw)
        {
            details.Add(Phrases.Gigawatts(gw));
        }

        return phrases.DealPrefix + Pair(deal) + string.Concat(details.Select(d => phrases.Comma + d));
    }

    private string UpdateHeadline(DealFacts deal, List<ViewFact> facts)
    {
        var note = deal.PreviousAmountUsd is { } previous && deal.AmountUsd is not null && previous != deal.AmountUsd
            ? phrases.Was(phrases.Usd(previous))
            : null;
        DealFactsOf(deal, facts, note);
        var headline = phrases.UpdatePrefix + Pair(deal);
        if (deal.AmountUsd is { } amount)
        {
            headline += phrases.Comma + (deal.PreviousAmountUsd is { } was && was != amount
                ? phrases.AmountRevised(phrases.Usd(was), phrases.Usd(amount))
                : phrases.AmountNow(phrases.Usd(amount)));
        }
        else if (deal.DurationYears is { } years)
        {
            headline += phrases.Comma + phrases.Years(years);
        }

        return headline;
    }

    private string MoveHeadline(MarketMove move, List<ViewFact> facts)
    {
        var quote = move.Quote;
        MoveFacts(move, facts);
        var name = InstrumentName(quote, withSession: true);
        var percent = Phrases.SignedPercent(quote.ChangePercent);
        if (quote.Kind == InstrumentKind.Share)
        {
            return $"{name} {percent}{phrases.At(phrases.Money(quote.Price, quote.Currency))}";
        }

        var points = Phrases.SignedPoints(quote.Change) + phrases.PointsUnit;
        // A rule set in points (TXF ±150) leads with points, one set in percent with the percentage.
        var pointsFirst = move.Threshold.Contains("point", StringComparison.OrdinalIgnoreCase) && !move.Threshold.Contains('%', StringComparison.Ordinal);
        var change = pointsFirst
            ? $"{points}{phrases.OpenParen}{percent}{phrases.CloseParen}"
            : $"{percent}{phrases.OpenParen}{points.TrimStart()}{phrases.CloseParen}";
        return $"{name} {change}{phrases.At(Phrases.Level(quote.Price))}";
    }

    private string ReactionHeadline(MarketMove move, DealFacts? deal, List<ViewFact> facts)
    {
        var quote = move.Quote;
        var percent = Phrases.SignedPercent(move.ReactionPercent ?? quote.ChangePercent);
        var days = move.TradingDays ?? 1;
        var pair = deal is null ? phrases.UnnamedParties : Pair(deal);
        facts.Add(new ViewFact(phrases.FactInstrument, InstrumentName(quote, withSession: false)));
        facts.Add(new ViewFact(phrases.FactReaction, phrases.ReactionWindow(days, percent)));
        if (move.BaseClose is { } baseClose)
        {
            facts.Add(new ViewFact(phrases.FactBaseClose, $"{phrases.Money(baseClose.Close, quote.Currency)} ({baseClose.Date:yyyy-MM-dd})"));
        }

        facts.Add(new ViewFact(phrases.FactLast, $"{phrases.Money(quote.Price, quote.Currency)} ({Phrases.Time(quote.AsOf)})"));
        facts.Add(new ViewFact(phrases.FactRule, Clean(phrases.RuleText(move.Threshold))));
        if (deal is not null)
        {
            DealFactsOf(deal, facts, amountNote: null);
        }

        return phrases.Reaction(Clean(quote.Symbol), days, percent, pair);
    }

    private void DealFactsOf(DealFacts deal, List<ViewFact> facts, string? amountNote)
    {
        var parties = deal.Parties.Count > 0 ? deal.Parties : new[] { deal.Buyer, deal.Provider }.OfType<string>().ToArray();
        if (parties.Count > 0)
        {
            facts.Add(new ViewFact(phrases.FactParties, string.Join(phrases.ListSeparator, parties.Select(p =>
                DisplayNames.Ticker(p) is { } ticker ? $"{Party(p, IsProvider(deal, p))}{phrases.OpenParen}{ticker}{phrases.CloseParen}" : Party(p, IsProvider(deal, p))))));
        }

        if (!string.IsNullOrWhiteSpace(deal.Buyer) && !string.IsNullOrWhiteSpace(deal.Provider))
        {
            facts.Add(new ViewFact(phrases.FactBuyerProvider, $"{Party(deal.Buyer)} → {Party(deal.Provider, asProvider: true)}"));
        }

        if (!string.IsNullOrWhiteSpace(deal.DealType))
        {
            facts.Add(new ViewFact(phrases.FactType, Clean(DisplayNames.DealType(deal.DealType, phrases.Language))));
        }

        if (deal.AmountUsd is { } amount)
        {
            var notes = new List<string>();
            var formatted = phrases.Usd(amount);
            if (MarkupSafety.PlainLine(deal.AmountText, 120) is { Length: > 0 } text && text != formatted)
            {
                notes.Add(phrases.AsReported(Clean(text)));
            }

            if (amountNote is not null)
            {
                notes.Add(amountNote);
            }

            facts.Add(new ViewFact(phrases.FactAmount, notes.Count == 0 ? formatted : $"{formatted}{phrases.OpenParen}{string.Join(phrases.Comma, notes)}{phrases.CloseParen}"));
        }
        else if (MarkupSafety.PlainLine(deal.AmountText, 120) is { Length: > 0 } text)
        {
            facts.Add(new ViewFact(phrases.FactAmount, phrases.AsReported(Clean(text))));
        }

        if (deal.DurationYears is { } years)
        {
            facts.Add(new ViewFact(phrases.FactDuration, phrases.Years(years)));
        }

        if (deal.CapacityGw is { } gw)
        {
            facts.Add(new ViewFact(phrases.FactCapacity, Phrases.Gigawatts(gw)));
        }

        if (deal.FirstReportedAt is { } first)
        {
            facts.Add(new ViewFact(phrases.FactFirstReported, Phrases.Time(first)));
        }

        facts.Add(new ViewFact(phrases.FactSources, phrases.StoryCount(deal.Sources.Count)));
    }

    private void MoveFacts(MarketMove move, List<ViewFact> facts)
    {
        var quote = move.Quote;
        facts.Add(new ViewFact(phrases.FactInstrument, InstrumentName(quote, withSession: false)));
        facts.Add(new ViewFact(phrases.FactLast, quote.Kind == InstrumentKind.Share ? phrases.Money(quote.Price, quote.Currency) : Phrases.Level(quote.Price)));
        var points = quote.Kind == InstrumentKind.Share
            ? (quote.Change < 0 ? "−" : "+") + phrases.Money(Math.Abs(quote.Change), quote.Currency)
            : Phrases.SignedPoints(quote.Change) + phrases.PointsUnit;
        facts.Add(new ViewFact(phrases.FactChange, $"{points}{phrases.OpenParen}{Phrases.SignedPercent(quote.ChangePercent, 2)}{phrases.CloseParen}"));
        facts.Add(new ViewFact(phrases.FactPreviousClose, quote.Kind == InstrumentKind.Share ? phrases.Money(quote.PreviousClose, quote.Currency) : Phrases.Level(quote.PreviousClose)));
        facts.Add(new ViewFact(phrases.FactSession, quote is { Session: MarketSession.AfterHours, Kind: InstrumentKind.Future }
            ? phrases.NightSessionLabel
            : phrases.Sessions.GetValueOrDefault(quote.Session, quote.Session.ToString())));
        facts.Add(new ViewFact(phrases.FactAsOf, Phrases.Time(quote.AsOf)));
        facts.Add(new ViewFact(phrases.FactRule, Clean(phrases.RuleText(move.Threshold))));
    }

    private ViewQuote Quote(Quote quote)
    {
        var name = InstrumentName(quote, withSession: true);
        var price = quote.Kind == InstrumentKind.Share ? phrases.Money(quote.Price, quote.Currency) : Phrases.Level(quote.Price);
        var change = quote.Kind == InstrumentKind.Share
            ? (quote.Change < 0 ? "−" : "+") + Math.Abs(quote.Change).ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture)
            : Phrases.SignedPoints(quote.Change);
        var percent = Phrases.SignedPercent(quote.ChangePercent, 2);
        var shortName = quote.Kind == InstrumentKind.Share ? Clean(quote.Symbol) : name;
        return new ViewQuote(name, price, change, percent, $"{shortName} {Phrases.SignedPercent(quote.ChangePercent)}");
    }

    /// <summary>"Dow Jones", "台指期夜盤", "Amazon (AMZN)", "亞馬遜（AMZN）盤後".</summary>
    private string InstrumentName(Quote quote, bool withSession)
    {
        string name;
        if (quote.Kind == InstrumentKind.Share)
        {
            var company = DisplayNames.PartyOfTicker(quote.Symbol) is { } party ? DisplayNames.Party(party, phrases.Language) : MarkupSafety.PlainLine(quote.Name, 80);
            name = $"{Clean(company)}{phrases.OpenParen}{Clean(quote.Symbol)}{phrases.CloseParen}";
        }
        else
        {
            name = DisplayNames.Instrument(quote.Symbol, phrases.Language) is { } known ? known : Clean(MarkupSafety.PlainLine(quote.Name, 80));
        }

        if (!withSession)
        {
            return name;
        }

        return quote.Session switch
        {
            MarketSession.AfterHours when quote.Kind == InstrumentKind.Future => name + phrases.FuturesNightSession,
            MarketSession.AfterHours => name + phrases.ShareAfterHours,
            MarketSession.PreMarket => name + phrases.PreMarket,
            _ => name,
        };
    }

    private IReadOnlyList<ViewSource> Sources(DealFacts deal) =>
        deal.Sources.Select(s => new ViewSource(
            Clean(MarkupSafety.PlainLine(s.Title, MaxTitleLength)),
            MarkupSafety.SafeLink(s.Url),
            Clean(MarkupSafety.PlainLine(s.Outlet, MaxOutletLength)),
            s.PublishedAt is { } at ? Phrases.Time(at) : null)).ToArray();

    private string Party(string id, bool asProvider = false) => Clean(MarkupSafety.PlainLine(DisplayNames.Party(id, phrases.Language, asProvider), 80));

    private static bool IsProvider(DealFacts deal, string party) =>
        string.Equals(deal.Provider?.Trim(), party.Trim(), StringComparison.OrdinalIgnoreCase);

    private string Label(AlertKind kind) => phrases.KindLabels.GetValueOrDefault(kind, kind.ToString());

    private string Clean(string text) => clean(MarkupSafety.PlainLine(text, 400));
}
