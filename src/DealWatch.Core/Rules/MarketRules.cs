using System.Globalization;
using DealWatch.Core.Markets;

namespace DealWatch.Core.Rules;

/// <summary>The market rules, without I/O: does a quote trip a move rule, does a share react to its deal.</summary>
public static class MarketRules
{
    /// <summary>True when the quote's move against its previous close reaches the rule's percent or points.</summary>
    public static bool Trips(MoveRuleOptions rule, Quote quote)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(quote);
        if (!rule.Symbols.Contains(quote.Symbol, StringComparer.OrdinalIgnoreCase) || quote.Session == MarketSession.Closed && rule.Sessions.Count == 0)
        {
            return false;
        }

        if (rule.Sessions.Count > 0 && !rule.Sessions.Contains(quote.Session))
        {
            return false;
        }

        return rule.Percent is { } percent && Math.Abs(quote.ChangePercent) >= percent
            || rule.Points is { } points && Math.Abs(quote.Change) >= points;
    }

    /// <summary>How the rule's threshold reads in an alert ("1.5%", "150 points", "1% or 300 points").</summary>
    public static string Describe(MoveRuleOptions rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var parts = new List<string>(2);
        if (rule.Percent is { } percent)
        {
            parts.Add(percent.ToString("0.##", CultureInfo.InvariantCulture) + "%");
        }

        if (rule.Points is { } points)
        {
            parts.Add(points.ToString("0.##", CultureInfo.InvariantCulture) + " points");
        }

        return string.Join(" or ", parts);
    }

    /// <summary>The calendar date of the quote in its market's time zone.</summary>
    public static DateOnly MarketDate(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return MarketTime.DateAt(quote.AsOf, quote.TimeZone);
    }

    /// <summary>
    /// A share's reaction to a deal: the last close before the deal's market date is the base; the move is the
    /// latest price against it, within <paramref name="tradingDays"/> trading days (counting the deal's day as 1).
    /// Null when the history does not reach back before the deal or the window has passed.
    /// </summary>
    public static Reaction? MeasureReaction(Quote latest, IReadOnlyList<DailyClose> closes, DateOnly dealDate, int tradingDays)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(closes);
        var baseClose = closes.Where(c => c.Date < dealDate).MaxBy(c => c.Date);
        if (baseClose is null || baseClose.Close == 0)
        {
            return null;
        }

        var quoteDate = MarketDate(latest);
        var days = closes.Select(c => c.Date).Append(quoteDate).Where(d => d >= dealDate && d <= quoteDate).Distinct().Count();
        if (days < 1 || days > tradingDays)
        {
            return null;
        }

        var percent = Math.Round((latest.Price - baseClose.Close) / baseClose.Close * 100m, 2);
        return new Reaction(baseClose, days, percent);
    }

    /// <summary>Makes a symbol safe inside a table key.</summary>
    public static string KeySafe(string symbol) =>
        string.Create(symbol.Length, symbol, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = s[i] is '/' or '\\' or '#' or '?' || char.IsControl(s[i]) ? '_' : s[i];
            }
        });
}

/// <summary>A measured reaction: the base close, trading days since the deal (its day counting as 1), and the move in percent.</summary>
public sealed record Reaction(DailyClose Base, int TradingDays, decimal Percent);
