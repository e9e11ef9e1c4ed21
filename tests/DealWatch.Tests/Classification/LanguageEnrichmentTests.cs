using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using DealWatch.Cli.LocalHost;
using DealWatch.Core.Classification;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DealWatch.Tests.Classification;

/// <summary>A local stand-in for Azure AI Language's <c>:analyze-text</c>, speaking its documented wire format.</summary>
internal sealed class FakeLanguageService : IAsyncDisposable
{
    private LoopbackWebApp? _app;

    public ConcurrentQueue<(string Path, string Query, string? Key, JsonElement Body)> Requests { get; } = new();

    /// <summary>Answer to give: status and JSON body, from the request's document text.</summary>
    public Func<string, (HttpStatusCode Status, string Body)> Respond { get; set; } = _ => (HttpStatusCode.OK, "{}");

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<FakeLanguageService> StartAsync()
    {
        var fake = new FakeLanguageService();
        fake._app = await LoopbackWebApp.StartAsync(app => app.Run(async context =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var root = body.RootElement.Clone();
            fake.Requests.Enqueue((context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", context.Request.Headers["Ocp-Apim-Subscription-Key"].FirstOrDefault(), root));
            var text = root.GetProperty("analysisInput").GetProperty("documents")[0].GetProperty("text").GetString() ?? "";
            var (status, json) = fake.Respond(text);
            context.Response.StatusCode = (int)status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        }));
        fake.Endpoint = fake._app.BaseUrl;
        return fake;
    }

    /// <summary>An EntityRecognitionResults answer naming every occurrence of each of <paramref name="organisations"/> in the text.</summary>
    public static string Organisations(string text, params string[] organisations)
    {
        var entities = organisations
            .SelectMany(o => Occurrences(text, o).Select(offset => new { text = o, category = "Organization", offset, length = o.Length, confidenceScore = 0.97 }))
            .OrderBy(e => e.offset);
        return JsonSerializer.Serialize(new
        {
            kind = "EntityRecognitionResults",
            results = new { documents = new[] { new { id = "1", entities, warnings = Array.Empty<object>() } }, errors = Array.Empty<object>(), modelVersion = "2021-06-01" },
        });
    }

    private static IEnumerable<int> Occurrences(string text, string value)
    {
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            yield return at;
        }
    }

    public ValueTask DisposeAsync() => _app?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public sealed class LanguageEnrichmentTests
{
    private const string Key = "fake-key-0123456789";

    // Two organisations the lexicon does not know and whose names carry no company suffix: the local model is unsure.
    private static readonly StoryText Unsure = new("u1", "星曜與晨光簽署GPU算力合約 金額5億美元", "晨光將使用星曜的GPU叢集訓練模型。", "zh-Hant");
    private static readonly StoryText Confident = new("c1", "OpenAI signs $38 billion, seven-year cloud deal with Amazon Web Services",
        "OpenAI will run training and inference on hundreds of thousands of Nvidia GPUs hosted by AWS.", "en");

    private static string Json(DealClassification result) => JsonSerializer.Serialize(result, ClassificationJsonContext.Default.DealClassification);

    private static (ServiceProvider Services, List<string> Logs) Build(Uri? endpoint)
    {
        var settings = new Dictionary<string, string?>();
        if (endpoint is not null)
        {
            settings["DealWatch:Classification:Language:Endpoint"] = endpoint.ToString();
            settings["DealWatch:Classification:Language:Key"] = Key;
        }
        var logs = new List<string>();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new ListLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        services.AddDealWatchClassification(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        // Retry at once: the test checks what is retried and what comes out, not the back-off.
        services.Configure<HttpStandardResilienceOptions>(LanguageEntityClient.HttpClientName + "-standard", o =>
        {
            o.Retry.Delay = TimeSpan.Zero;
            o.Retry.UseJitter = false;
            o.Retry.MaxRetryAttempts = 2;
        });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return (provider, logs);
    }

    [Fact]
    public void LocalModel_UnsureStory_IsInTheDefaultBand()
    {
        var confidence = ClassifierFixture.Local.Classify(Unsure).Confidence;
        var band = new LanguageServiceOptions();
        Assert.InRange(confidence, band.UnsureFrom, band.UnsureTo);
    }

    [Fact]
    public async Task ClassifyAsync_UnsureStory_AsksTheServiceAndUsesItsOrganisations()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        fake.Respond = text => (HttpStatusCode.OK, FakeLanguageService.Organisations(text, "星曜", "晨光"));
        var (services, logs) = Build(fake.Endpoint);
        using var _ = services;

        var result = await services.GetRequiredService<IDealClassifier>().ClassifyAsync(Unsure, CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("/language/:analyze-text", request.Path);
        Assert.Equal("?api-version=2023-04-01", request.Query);
        Assert.Equal(Key, request.Key);
        Assert.Equal("EntityRecognition", request.Body.GetProperty("kind").GetString());
        var document = request.Body.GetProperty("analysisInput").GetProperty("documents")[0];
        Assert.Equal("zh-hant", document.GetProperty("language").GetString());
        Assert.StartsWith(Unsure.Title, document.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(result.IsComputeDeal);
        Assert.Equal("晨光", result.Buyer);
        Assert.Equal("星曜", result.Provider);
        Assert.True(result.Confidence > ClassifierFixture.Local.Classify(Unsure).Confidence);
        Assert.DoesNotContain(logs, l => l.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClassifyAsync_ConfidentStory_DoesNotCallTheService()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var (services, _) = Build(fake.Endpoint);
        using var __ = services;

        var result = await services.GetRequiredService<IDealClassifier>().ClassifyAsync(Confident, CancellationToken.None);

        Assert.Empty(fake.Requests);
        Assert.True(ClassifierFixture.Local.Classify(Confident).Confidence > new LanguageServiceOptions().UnsureTo);
        Assert.Equal(Json(ClassifierFixture.Local.Classify(Confident)), Json(result));
    }

    [Fact]
    public async Task ClassifyAsync_NotConfigured_NeverCallsTheService()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var (services, _) = Build(endpoint: null);
        using var __ = services;

        var result = await services.GetRequiredService<IDealClassifier>().ClassifyAsync(Unsure, CancellationToken.None);

        Assert.Empty(fake.Requests);
        Assert.Equal(Json(ClassifierFixture.Local.Classify(Unsure)), Json(result));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task ClassifyAsync_ServiceFails_RetriesThenKeepsTheLocalResult(HttpStatusCode status)
    {
        await using var fake = await FakeLanguageService.StartAsync();
        fake.Respond = _ => (status, """{"error":{"code":"Throttled","message":"try later"}}""");
        var (services, logs) = Build(fake.Endpoint);
        using var _ = services;

        var result = await services.GetRequiredService<IDealClassifier>().ClassifyAsync(Unsure, CancellationToken.None);

        Assert.Equal(3, fake.Requests.Count);
        Assert.Equal(Json(ClassifierFixture.Local.Classify(Unsure)), Json(result));
        Assert.Contains(logs, l => l.Contains("u1", StringComparison.Ordinal) && l.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClassifyAsync_ServiceThrottlesOnce_UsesTheRetriedAnswer()
    {
        await using var fake = await FakeLanguageService.StartAsync();
        var calls = 0;
        fake.Respond = text => Interlocked.Increment(ref calls) == 1
            ? (HttpStatusCode.TooManyRequests, "{}")
            : (HttpStatusCode.OK, FakeLanguageService.Organisations(text, "星曜", "晨光"));
        var (services, _) = Build(fake.Endpoint);
        using var __ = services;

        var result = await services.GetRequiredService<IDealClassifier>().ClassifyAsync(Unsure, CancellationToken.None);

        Assert.Equal(2, fake.Requests.Count);
        Assert.Equal("星曜", result.Provider);
    }

    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines) lines.Add($"{eventId.Name}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
