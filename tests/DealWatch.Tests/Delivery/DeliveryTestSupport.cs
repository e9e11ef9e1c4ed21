using DealWatch.Core.Alerts;
using DealWatch.Core.Delivery;
using DealWatch.Core.Markets;
using DealWatch.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DealWatch.Tests.Delivery;

/// <summary>The delivery services built the way the hosts build them, over test settings, with every log captured.</summary>
internal sealed class DeliveryHost : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private DeliveryHost(ServiceProvider services, CapturingLoggerProvider logs, string outbox)
    {
        this.services = services;
        Logs = logs;
        OutboxDirectory = outbox;
    }

    public CapturingLoggerProvider Logs { get; }

    public string OutboxDirectory { get; }

    public IEmailSender Email => services.GetRequiredService<IEmailSender>();

    public ITeamsSender Teams => services.GetRequiredService<ITeamsSender>();

    public IAlertRenderer Renderer => services.GetRequiredService<IAlertRenderer>();

    public static DeliveryHost Create(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var outbox = Path.Combine(Path.GetTempPath(), "dealwatch-tests", Guid.NewGuid().ToString("N"));
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["DealWatch:Outbox:Directory"] = outbox };
        foreach (var (key, value) in settings)
        {
            values[key] = value; // the last value of a key wins, as with later configuration sources
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddDealWatchDelivery(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new DeliveryHost(services, logs, outbox);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (Directory.Exists(OutboxDirectory))
        {
            Directory.Delete(OutboxDirectory, recursive: true);
        }
    }
}

/// <summary>Alerts as the rules make them, for the renderer and sender tests.</summary>
internal static class SampleAlerts
{
    public static readonly DateTimeOffset At = new(2025, 11, 3, 13, 5, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<DealSource> Sources =
    [
        new("story-1", "AWS and OpenAI announce multi-year strategic partnership", "https://www.aboutamazon.com/news/aws/aws-open-ai-workloads-compute-infrastructure", "About Amazon", "en", new DateTimeOffset(2025, 11, 3, 13, 0, 0, TimeSpan.Zero)),
        new("story-2", "OpenAI與AWS簽署380億美元算力合約", "https://news.cnyes.com/news/id/6213456", "鉅亨網", "zh-Hant", new DateTimeOffset(2025, 11, 3, 14, 30, 0, TimeSpan.Zero)),
    ];

    public static DealFacts OpenAiAws(IReadOnlyList<DealSource>? sources = null) => new()
    {
        DealId = "deal-openai-amazon-20251103",
        DealType = "cloud-capacity",
        Buyer = "openai",
        Provider = "amazon",
        Parties = ["openai", "amazon"],
        AmountUsd = 38_000_000_000m,
        AmountText = "US$38 billion",
        Currency = "USD",
        DurationYears = 7,
        FirstReportedAt = new DateTimeOffset(2025, 11, 3, 13, 0, 0, TimeSpan.Zero),
        Sources = sources ?? Sources,
    };

    public static Quote Amzn => new("AMZN", "Amazon.com, Inc.", InstrumentKind.Share, 254.00m, 244.22m, "USD", At, "America/New_York", MarketSession.Regular, "fake");

    public static Quote Dow => new("^DJI", "Dow Jones Industrial Average", InstrumentKind.Index, 46_912.30m, 47_486.30m, null, At, "America/New_York", MarketSession.Regular, "fake");

    public static Quote TxfNight => new("TXF", "台指期", InstrumentKind.Future, 23_012m, 22_857m, "TWD", At, "Asia/Taipei", MarketSession.AfterHours, "fake");

    public static Alert Deal(string language = "en", DealFacts? deal = null, string id = "deal.deal-openai-amazon-20251103.desk-en") => new()
    {
        Id = id,
        Kind = AlertKind.Deal,
        Subscription = "desk-en",
        Language = language,
        CreatedAt = At,
        Deal = deal ?? OpenAiAws(),
        Market = [Amzn, Dow],
    };

    public static Alert Update(string language = "en") => Deal(language, OpenAiAws() with { AmountUsd = 12_000_000_000m, PreviousAmountUsd = 10_000_000_000m, AmountText = "US$12 billion" }, "update.1") with { Kind = AlertKind.DealUpdate };

    public static Alert IndexMove(Quote quote, string threshold, string language = "en") => new()
    {
        Id = $"move.desk.{quote.Symbol}.20251103.{quote.Session}",
        Kind = quote.Kind == InstrumentKind.Share ? AlertKind.ShareMove : AlertKind.IndexMove,
        Subscription = "desk",
        Language = language,
        CreatedAt = At,
        Move = new MarketMove { Quote = quote, Threshold = threshold },
    };

    public static Alert Reaction(string language = "en") => new()
    {
        Id = "reaction.deal-openai-amazon-20251103.desk-en.AMZN",
        Kind = AlertKind.MarketReaction,
        Subscription = "desk-en",
        Language = language,
        CreatedAt = At,
        Deal = OpenAiAws(),
        Move = new MarketMove
        {
            Quote = Amzn,
            Threshold = "3%",
            BaseClose = new DailyClose(new DateOnly(2025, 10, 31), 242.37m),
            TradingDays = 1,
            ReactionPercent = 4.8m,
        },
    };

    public static EmailMessage Email(string to = "analyst@example.com", string alertId = "deal.deal-openai-amazon-20251103.desk-en", string deliveryId = "0123456789abcdef0123")
    {
        var rendered = new AlertRenderer().RenderEmail(Deal(id: alertId));
        return new EmailMessage(alertId, deliveryId, to, rendered.Subject, rendered.Text, rendered.Html, ["dealwatch", "deal"]);
    }

    public static TeamsMessage Teams(string webhook = "deals-desk", string alertId = "deal.deal-openai-amazon-20251103.desk-en", string deliveryId = "fedcba9876543210fedc") =>
        new(alertId, deliveryId, webhook, new AlertRenderer().RenderTeamsCard(Deal(id: alertId)));
}
