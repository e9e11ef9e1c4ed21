using DealWatch.Tests.Fakes;
using System.Text.Json;
using DealWatch.Core.Markets;
using DealWatch.Tests.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DealWatch.Tests.Markets;

public sealed class QuoteServiceTests
{
    // 2025-11-03 23:20 in Taipei: the TAIFEX after-hours session is trading; New York closed at 16:00.
    private static readonly DateTimeOffset LateMonday = new(2025, 11, 3, 15, 20, 0, TimeSpan.Zero);

    private static string Sample(string relative) => File.ReadAllText(TestFiles.Samples(["www", .. relative.Split('/')]));

    private static (IQuoteService Service, FakeTimeProvider Time) Build(FakeHttpServer server, DateTimeOffset now, params (string Name, string Kind)[] providers)
    {
        var settings = new Dictionary<string, string?> { ["DealWatch:Markets:Symbols"] = "^DJI, AMZN" };
        for (var i = 0; i < providers.Length; i++)
        {
            settings[$"DealWatch:Markets:Providers:{i}:Name"] = providers[i].Name;
            settings[$"DealWatch:Markets:Providers:{i}:Kind"] = providers[i].Kind;
            settings[$"DealWatch:Markets:Providers:{i}:BaseUrl"] = server.BaseUrl.ToString();
        }

        var time = new FakeTimeProvider(now);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddDealWatchMarkets(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        return (services.GetRequiredService<IQuoteService>(), time);
    }

    private static Task<FakeHttpServer> ChartServerAsync() => FakeHttpServer.StartAsync(app =>
        app.MapGet("/v8/finance/chart/{symbol}", (string symbol) =>
            File.Exists(TestFiles.Samples("www", "v8", "finance", "chart", symbol))
                ? Results.Text(Sample($"v8/finance/chart/{symbol}"), "application/json")
                : Results.Json(new { chart = new { result = (object?)null, error = new { code = "Not Found", description = "No data found, symbol may be delisted" } } }, statusCode: 404)));

    [Fact]
    public async Task GetQuotesAsync_ChartJson_GivesPriceAgainstThePreviousTradingDaysClose()
    {
        await using var server = await ChartServerAsync();
        var (service, _) = Build(server, LateMonday, ("chart", "chart"));

        var batch = await service.GetQuotesAsync(["^DJI", "AMZN"], CancellationToken.None);

        Assert.Empty(batch.Errors);
        var dow = batch.Quotes.Single(q => q.Symbol == "^DJI");
        Assert.Equal(46991.50m, dow.Price);
        Assert.Equal(47562.87m, dow.PreviousClose);
        Assert.Equal(-571.37m, dow.Change);
        Assert.Equal(-1.2013m, dow.ChangePercent);
        Assert.Equal(InstrumentKind.Index, dow.Kind);
        Assert.Null(dow.Currency);
        Assert.Equal("America/New_York", dow.TimeZone);
        Assert.Equal(MarketSession.Regular, dow.Session);
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 21, 0, 0, TimeSpan.Zero), dow.AsOf);
        Assert.Equal("chart", dow.Provider);
        var amazon = batch.Quotes.Single(q => q.Symbol == "AMZN");
        Assert.Equal("USD", amazon.Currency);
        Assert.InRange(amazon.ChangePercent, 4m, 5m);
        Assert.Contains(server.Requests, r => r.Path == "/v8/finance/chart/^DJI" && r.Query.Contains("range=5d", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetDailyClosesAsync_ChartJson_DatesOnTheMarketsCalendar()
    {
        await using var server = await ChartServerAsync();
        var (service, _) = Build(server, LateMonday, ("chart", "chart"));

        var closes = await service.GetDailyClosesAsync("AMZN", new DateOnly(2025, 10, 24), CancellationToken.None);

        Assert.Equal(
            [new(new DateOnly(2025, 10, 28), 229.25m), new(new DateOnly(2025, 10, 29), 230.30m), new(new DateOnly(2025, 10, 30), 222.86m), new(new DateOnly(2025, 10, 31), 244.22m), new DailyClose(new DateOnly(2025, 11, 3), 255.60m)],
            closes);
        Assert.Contains("period1=", server.Requests.Last().Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetQuotesAsync_StooqCsv_TakesThePreviousCloseFromTheDailyHistory()
    {
        await using var server = await FakeHttpServer.StartAsync(app =>
        {
            app.MapGet("/q/l/", (string s) => Results.Text(
                s == "^dji"
                    ? "Symbol,Date,Time,Open,High,Low,Close,Volume\r\n^DJI,2025-11-03,22:05:11,47560.1,47610.5,46950.2,46991.5,412345678\r\n"
                    : $"Symbol,Date,Time,Open,High,Low,Close,Volume\r\n{s.ToUpperInvariant()},N/D,N/D,N/D,N/D,N/D,N/D,N/D\r\n",
                "text/csv"));
            app.MapGet("/q/d/l/", () => Results.Text(
                "Date,Open,High,Low,Close,Volume\r\n2025-10-30,47600,47700,47400,47522.12,1\r\n2025-10-31,47530,47650,47450,47562.87,1\r\n2025-11-03,47560.1,47610.5,46950.2,46991.5,1\r\n",
                "text/csv"));
        });
        var (service, _) = Build(server, LateMonday, ("csv", "csv"));

        var batch = await service.GetQuotesAsync(["^DJI", "AMZN"], CancellationToken.None);

        var dow = batch.Quotes.Single();
        Assert.Equal(46991.5m, dow.Price);
        Assert.Equal(47562.87m, dow.PreviousClose);
        Assert.Equal("csv", dow.Provider);
        // 22:05:11 in Warsaw (CET) is 21:05:11 UTC.
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 21, 5, 11, TimeSpan.Zero), dow.AsOf);
        Assert.Equal("AMZN: no provider could quote it (csv: no data for amzn.us (N/D))", Assert.Single(batch.Errors));
        Assert.Contains(server.Requests, r => r.Path == "/q/l/" && r.Query.Contains("s=%5Edji", StringComparison.Ordinal) && r.Query.Contains("f=sd2t2ohlcv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetQuotesAsync_TwseMis_QuotesTaiexAgainstYesterday()
    {
        await using var server = await FakeHttpServer.StartAsync(app =>
            app.MapGet("/stock/api/getStockInfo.jsp", () => Results.Text(Sample("stock/api/getStockInfo.jsp"), "application/json")));
        var (service, _) = Build(server, LateMonday, ("twse", "twse"));

        var batch = await service.GetQuotesAsync(["^TWII"], CancellationToken.None);

        var taiex = Assert.Single(batch.Quotes);
        Assert.Equal(28320.60m, taiex.Price);
        Assert.Equal(28233.35m, taiex.PreviousClose);
        Assert.Equal("Asia/Taipei", taiex.TimeZone);
        Assert.Equal(MarketSession.Regular, taiex.Session);
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 5, 30, 0, TimeSpan.Zero), taiex.AsOf);
        Assert.Contains("ex_ch=tse_t00.tw", server.Requests.Single().Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetQuotesAsync_TaifexAfterHours_ChangeIsAgainstTheDaySessionClose()
    {
        await using var server = await FakeHttpServer.StartAsync(app =>
            app.MapPost("/futures/api/getQuoteList", () => Results.Text(Sample("futures/api/getQuoteList"), "application/json")));
        var (service, _) = Build(server, LateMonday, ("taifex", "taifex"));

        var batch = await service.GetQuotesAsync(["TXF"], CancellationToken.None);

        var txf = Assert.Single(batch.Quotes);
        Assert.Equal(28455m, txf.Price);
        Assert.Equal(28300m, txf.PreviousClose);
        Assert.Equal(155m, txf.Change);
        Assert.Equal(MarketSession.AfterHours, txf.Session);
        Assert.Equal(InstrumentKind.Future, txf.Kind);
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 15, 15, 0, TimeSpan.Zero), txf.AsOf);
        using var body = JsonDocument.Parse(server.Requests.Single().Body);
        Assert.Equal("1", body.RootElement.GetProperty("MarketType").GetString());
        Assert.Equal("TXF", body.RootElement.GetProperty("CID").GetString());
    }

    [Fact]
    public async Task GetQuotesAsync_TaifexDuringTheDay_AsksForTheDaySession()
    {
        const string day = """{"RtCode":"0","RtMsg":"","RtData":{"QuoteList":[{"SymbolID":"TXFK5-F","CLastPrice":"28310.00","CRefPrice":"28233.00","CDiff":"77.00","CTotalVolume":"90211","CDate":"20251103","CTime":"101500"}]}}""";
        await using var server = await FakeHttpServer.StartAsync(app => app.MapPost("/futures/api/getQuoteList", () => Results.Text(day, "application/json")));
        var (service, _) = Build(server, new DateTimeOffset(2025, 11, 3, 2, 15, 0, TimeSpan.Zero), ("taifex", "taifex"));

        var txf = Assert.Single((await service.GetQuotesAsync(["TXF"], CancellationToken.None)).Quotes);

        Assert.Equal(MarketSession.Regular, txf.Session);
        Assert.Equal(77m, txf.Change);
        using var body = JsonDocument.Parse(server.Requests.Single().Body);
        Assert.Equal("0", body.RootElement.GetProperty("MarketType").GetString());
    }

    [Fact]
    public async Task GetQuotesAsync_FirstProviderFails_FallsBackToTheNext()
    {
        await using var server = await FakeHttpServer.StartAsync(app =>
        {
            app.MapGet("/v8/finance/chart/{symbol}", () => Results.StatusCode(500));
            app.MapGet("/q/l/", () => Results.Text("Symbol,Date,Time,Open,High,Low,Close,Volume\n^DJI,2025-11-03,22:05:11,1,1,1,46991.5,1\n", "text/csv"));
            app.MapGet("/q/d/l/", () => Results.Text("Date,Open,High,Low,Close,Volume\n2025-10-31,1,1,1,47562.87,1\n", "text/csv"));
        });
        var (service, _) = Build(server, LateMonday, ("chart", "chart"), ("csv", "csv"));

        var batch = await service.GetQuotesAsync(["^DJI"], CancellationToken.None);

        var dow = Assert.Single(batch.Quotes);
        Assert.Equal("csv", dow.Provider);
        Assert.Empty(batch.Errors);
        Assert.Equal(1, server.Requests.Count(r => r.Path.StartsWith("/v8/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetQuotesAsync_EveryProviderFails_LeavesTheSymbolOutAndSaysWhy()
    {
        await using var server = await FakeHttpServer.StartAsync(app =>
        {
            app.MapGet("/v8/finance/chart/{symbol}", () => Results.StatusCode(503));
            app.MapGet("/q/l/", () => Results.Text("<html>blocked</html>", "text/html"));
        });
        var (service, _) = Build(server, LateMonday, ("chart", "chart"), ("csv", "csv"));

        var batch = await service.GetQuotesAsync(["^DJI", "TXF", "NOT A SYMBOL"], CancellationToken.None);

        Assert.Empty(batch.Quotes);
        Assert.Equal(3, batch.Errors.Count);
        Assert.Contains("^DJI: no provider could quote it (chart: HTTP 503 Service Unavailable from 127.0.0.1; csv: not a CSV answer", batch.Errors[0], StringComparison.Ordinal);
        Assert.Equal("TXF: no configured provider can quote it", batch.Errors[1]);
        Assert.Equal("NOT A SYMBOL: not a known symbol", batch.Errors[2]);
    }

    [Fact]
    public async Task GetQuotesAsync_AnswerOverFourMebibytes_IsRefusedAndNamed()
    {
        await using var server = await FakeHttpServer.StartAsync(app =>
            app.MapGet("/v8/finance/chart/{symbol}", () => Results.Text(new string(' ', 4 * 1024 * 1024 + 1) + "{}", "application/json")));
        var (service, _) = Build(server, LateMonday, ("chart", "chart"));

        var batch = await service.GetQuotesAsync(["^DJI"], CancellationToken.None);

        Assert.Empty(batch.Quotes);
        Assert.Equal("^DJI: no provider could quote it (chart: the answer from 127.0.0.1 is larger than 4,194,304 bytes)", Assert.Single(batch.Errors));
    }

    [Fact]
    public async Task GetQuotesAsync_ProviderNeverAnswers_TimesOutAndFallsBack()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeHttpServer.StartAsync(app =>
        {
            app.MapGet("/v8/finance/chart/{symbol}", async (HttpContext context) =>
            {
                received.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            });
            app.MapGet("/stock/api/getStockInfo.jsp", () => Results.Text(Sample("stock/api/getStockInfo.jsp"), "application/json"));
        });
        var (service, time) = Build(server, LateMonday, ("chart", "chart"), ("twse", "twse"));

        var pending = service.GetQuotesAsync(["^TWII"], CancellationToken.None);
        await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(20));
        var batch = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("twse", Assert.Single(batch.Quotes).Provider);
    }
}

public sealed class MarketsOptionsTests
{
    private static MarketsOptions Resolve(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddDealWatchMarkets(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider().GetRequiredService<IOptions<MarketsOptions>>().Value;

    [Fact]
    public void Options_CommaSeparatedSymbols_ReadAsAList()
    {
        var options = Resolve(new() { ["DealWatch:Markets:Symbols"] = "^DJI, TXF,AMZN ,^DJI" });

        Assert.Equal(["^DJI", "TXF", "AMZN"], options.Symbols);
        Assert.Equal(["chart", "twse", "taifex", "csv"], options.Providers.Select(p => p.Name));
    }

    [Fact]
    public void Options_ListOfSymbolsAndProviders_KeepTheirOrder()
    {
        var options = Resolve(new()
        {
            ["DealWatch:Markets:Symbols:0"] = "TXF",
            ["DealWatch:Markets:Symbols:1"] = "2330.TW",
            ["DealWatch:Markets:Providers:0:Name"] = "backup",
            ["DealWatch:Markets:Providers:0:Kind"] = "csv",
            ["DealWatch:Markets:Providers:0:BaseUrl"] = "http://127.0.0.1:1",
        });

        Assert.Equal(["TXF", "2330.TW"], options.Symbols);
        Assert.Equal(QuoteProviderKind.Csv, Assert.Single(options.Providers).Kind);
    }

    [Theory]
    [InlineData("DealWatch:Markets:Providers:0:BaseUrl", "not a url", "DealWatch:Markets:Providers:0:BaseUrl: 'not a url' is not an absolute http or https URL")]
    [InlineData("DealWatch:Markets:Providers:1:Name", "a", "the provider name 'a' is used 2 times")]
    [InlineData("DealWatch:Markets:Symbols", "^DJI,$$$", "'$$$' is not a known symbol")]
    [InlineData("DealWatch:Markets:Providers:0:Method", "PUT", "Method must be POST or GET")]
    public void Options_Invalid_FailsAtStartNamingTheKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DealWatch:Markets:Providers:0:Name"] = "a",
            ["DealWatch:Markets:Providers:0:Kind"] = "chart",
            ["DealWatch:Markets:Providers:0:BaseUrl"] = "https://a.example.com",
            ["DealWatch:Markets:Providers:1:Name"] = "b",
            ["DealWatch:Markets:Providers:1:Kind"] = "csv",
            ["DealWatch:Markets:Providers:1:BaseUrl"] = "https://b.example.com",
            [key] = value,
        };

        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(ex.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}

public sealed class MarketHoursTests
{
    [Theory]
    [InlineData("2025-11-03T14:00:00Z", "us", MarketSession.PreMarket)]     // 09:00 New York
    [InlineData("2025-11-03T14:30:00Z", "us", MarketSession.Regular)]       // 09:30
    [InlineData("2025-11-03T21:00:00Z", "us", MarketSession.Regular)]       // 16:00, the close
    [InlineData("2025-11-03T21:30:00Z", "us", MarketSession.AfterHours)]    // 16:30
    [InlineData("2025-11-04T02:00:00Z", "us", MarketSession.Closed)]        // 21:00
    [InlineData("2025-11-01T15:00:00Z", "us", MarketSession.Closed)]        // Saturday
    [InlineData("2025-11-03T05:30:00Z", "twse", MarketSession.Regular)]     // 13:30 Taipei
    [InlineData("2025-11-03T02:00:00Z", "taifex", MarketSession.Regular)]   // 10:00 Taipei
    [InlineData("2025-11-03T06:30:00Z", "taifex", MarketSession.Closed)]    // 14:30, between sessions
    [InlineData("2025-11-03T15:15:00Z", "taifex", MarketSession.AfterHours)] // 23:15 Monday
    [InlineData("2025-11-07T19:00:00Z", "taifex", MarketSession.AfterHours)] // 03:00 Saturday: Friday's night session
    [InlineData("2025-11-02T19:00:00Z", "taifex", MarketSession.Closed)]     // 03:00 Monday: no Sunday night session
    public void SessionAt_LocalTradingHours(string at, string market, MarketSession expected) =>
        Assert.Equal(expected, InstrumentCatalog.Default.Market(market).SessionAt(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("^DJI", InstrumentKind.Index, "^DJI", "^dji")]
    [InlineData("AMZN", InstrumentKind.Share, "AMZN", "amzn.us")]
    [InlineData("BRK.B", InstrumentKind.Share, "BRK.B", "brk-b.us")]
    [InlineData("2454.TW", InstrumentKind.Share, "2454.TW", null)]
    public void Find_MapsOurSymbolToEachProvider(string symbol, InstrumentKind kind, string? chart, string? csv)
    {
        var instrument = InstrumentCatalog.Default.Find(symbol)!;

        Assert.Equal(kind, instrument.Kind);
        Assert.Equal(chart, instrument.SymbolFor(QuoteProviderKind.Chart));
        Assert.Equal(csv, instrument.SymbolFor(QuoteProviderKind.Csv));
    }
}
