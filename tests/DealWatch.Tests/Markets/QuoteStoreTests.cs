using DealWatch.Core.Markets;
using DealWatch.Core.Storage;
using DealWatch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DealWatch.Tests.Markets;

public sealed class QuoteStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private IQuoteStore Store()
    {
        var configuration = azurite.Configuration(AzuriteFixture.NewPrefix());
        return new ServiceCollection().AddLogging().AddDealWatchStorage(configuration).AddDealWatchMarkets(configuration)
            .BuildServiceProvider().GetRequiredService<IQuoteStore>();
    }

    private static Quote Dow(DateTimeOffset at, decimal price) =>
        new("^DJI", "Dow Jones Industrial Average", InstrumentKind.Index, price, 47562.87m, null, at, "America/New_York", MarketSession.Regular, "chart");

    [Fact]
    public async Task SaveAsync_ThenLatestAndHistory_RoundTripEveryField()
    {
        var store = Store();
        var t0 = new DateTimeOffset(2025, 11, 3, 14, 30, 0, TimeSpan.Zero);
        var txf = new Quote("TXF", "台指期 TAIEX futures", InstrumentKind.Future, 28455m, 28300m, "TWD", t0.AddHours(1), "Asia/Taipei", MarketSession.AfterHours, "taifex");

        await store.SaveAsync([Dow(t0, 47500.01m), Dow(t0.AddHours(1), 47200.123456m), txf], CancellationToken.None);
        await store.SaveAsync([Dow(t0.AddHours(6.5), 46991.50m)], CancellationToken.None);

        var latest = await store.GetLatestAsync("^DJI", CancellationToken.None);
        Assert.Equal(Dow(t0.AddHours(6.5), 46991.50m), latest);
        Assert.Equal(txf, await store.GetLatestAsync("txf", CancellationToken.None));
        var history = await store.GetHistoryAsync("^DJI", t0.AddMinutes(30), CancellationToken.None);
        Assert.Equal([Dow(t0.AddHours(1), 47200.123456m), Dow(t0.AddHours(6.5), 46991.50m)], history);
        Assert.Null(await store.GetLatestAsync("AMZN", CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_SameQuoteTwice_KeepsOneRow()
    {
        var store = Store();
        var at = new DateTimeOffset(2025, 11, 3, 21, 0, 0, TimeSpan.Zero);

        await store.SaveAsync([Dow(at, 46991.50m)], CancellationToken.None);
        await store.SaveAsync([Dow(at, 46991.50m), Dow(at, 46991.50m)], CancellationToken.None);

        Assert.Single(await store.GetHistoryAsync("^DJI", at.AddDays(-1), CancellationToken.None));
    }
}
