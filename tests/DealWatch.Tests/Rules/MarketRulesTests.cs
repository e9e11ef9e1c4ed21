using DealWatch.Core.Markets;
using DealWatch.Core.Rules;

namespace DealWatch.Tests.Rules;

public sealed class MarketRulesTests
{
    private static Quote Quote(string symbol, decimal price, decimal previous, MarketSession session = MarketSession.Regular, InstrumentKind kind = InstrumentKind.Index, string zone = "America/New_York", DateTimeOffset? asOf = null) =>
        new(symbol, symbol, kind, price, previous, null, asOf ?? new DateTimeOffset(2025, 11, 3, 20, 0, 0, TimeSpan.Zero), zone, session, "test");

    [Theory]
    [InlineData(46_900, 47_500, true)]   // -1.26%
    [InlineData(47_100, 47_500, false)]  // -0.84%
    [InlineData(48_000, 47_500, true)]   // +1.05%
    public void Trips_Percent_EitherDirection(int price, int previous, bool expected)
    {
        var rule = new MoveRuleOptions { Symbols = ["^DJI"], Percent = 1.0m };

        Assert.Equal(expected, MarketRules.Trips(rule, Quote("^DJI", price, previous)));
    }

    [Fact]
    public void Trips_PointsInTheAfterHoursSession_WhenThatSessionCounts()
    {
        var quote = Quote("TXF", 27_955, 27_800, MarketSession.AfterHours, InstrumentKind.Future, "Asia/Taipei");

        Assert.True(MarketRules.Trips(new MoveRuleOptions { Symbols = ["TXF"], Points = 150 }, quote));
        Assert.True(MarketRules.Trips(new MoveRuleOptions { Symbols = ["TXF"], Points = 150, Sessions = [MarketSession.AfterHours] }, quote));
        Assert.False(MarketRules.Trips(new MoveRuleOptions { Symbols = ["TXF"], Points = 150, Sessions = [MarketSession.Regular] }, quote));
        Assert.False(MarketRules.Trips(new MoveRuleOptions { Symbols = ["TXF"], Points = 160 }, quote));
    }

    [Fact]
    public void Trips_OtherSymbol_DoesNot()
    {
        Assert.False(MarketRules.Trips(new MoveRuleOptions { Symbols = ["^IXIC"], Percent = 0.1m }, Quote("^DJI", 40_000, 47_500)));
    }

    [Fact]
    public void MarketDate_UsesTheMarketsTimeZone()
    {
        // 2025-11-03 17:00 UTC is already 11-04 01:00 in Taipei.
        var quote = Quote("TXF", 1, 1, zone: "Asia/Taipei", asOf: new DateTimeOffset(2025, 11, 3, 17, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2025, 11, 4), MarketRules.MarketDate(quote));
    }

    [Fact]
    public void MeasureReaction_FromTheCloseBeforeTheDeal()
    {
        DailyClose[] closes = [new(new(2025, 10, 30), 230m), new(new(2025, 10, 31), 244.22m), new(new(2025, 11, 3), 254m)];
        var latest = Quote("AMZN", 254m, 244.22m, kind: InstrumentKind.Share, asOf: new DateTimeOffset(2025, 11, 3, 20, 0, 0, TimeSpan.Zero));

        var reaction = MarketRules.MeasureReaction(latest, closes, new DateOnly(2025, 11, 3), tradingDays: 3);

        Assert.NotNull(reaction);
        Assert.Equal(new DateOnly(2025, 10, 31), reaction.Base.Date);
        Assert.Equal(1, reaction.TradingDays);
        Assert.Equal(4.00m, reaction.Percent);
    }

    [Fact]
    public void MeasureReaction_AfterTheWindow_IsNull()
    {
        DailyClose[] closes = [new(new(2025, 10, 31), 244m), new(new(2025, 11, 3), 250m), new(new(2025, 11, 4), 251m), new(new(2025, 11, 5), 252m)];
        var latest = Quote("AMZN", 270m, 252m, kind: InstrumentKind.Share, asOf: new DateTimeOffset(2025, 11, 6, 20, 0, 0, TimeSpan.Zero));

        Assert.Null(MarketRules.MeasureReaction(latest, closes, new DateOnly(2025, 11, 3), tradingDays: 3));
    }

    [Fact]
    public void MeasureReaction_NoHistoryBeforeTheDeal_IsNull()
    {
        var latest = Quote("AMZN", 270m, 252m, kind: InstrumentKind.Share);

        Assert.Null(MarketRules.MeasureReaction(latest, [new(new(2025, 11, 3), 250m)], new DateOnly(2025, 11, 3), 3));
    }

    [Theory]
    [InlineData("22:00-07:00", 23, true)]
    [InlineData("22:00-07:00", 6, true)]
    [InlineData("22:00-07:00", 7, false)]
    [InlineData("22:00-07:00", 12, false)]
    [InlineData("12:00-13:00", 12, true)]
    public void IsQuiet_InTheSubscriptionsTimeZone(string hours, int localHour, bool expected)
    {
        var subscription = new SubscriptionOptions { Name = "s", QuietHours = hours, TimeZone = "Asia/Taipei" };
        var instant = new DateTimeOffset(2025, 11, 3, localHour, 30, 0, TimeSpan.FromHours(8));

        Assert.Equal(expected, subscription.IsQuiet(instant));
    }
}
