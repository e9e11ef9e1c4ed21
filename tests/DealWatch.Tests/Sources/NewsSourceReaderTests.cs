using DealWatch.Tests.Fakes;
using System.IO.Compression;
using System.Text;
using Azure.Data.Tables;
using DealWatch.Core.Sources;
using DealWatch.Core.Storage;
using DealWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DealWatch.Tests.Sources;

public sealed class NewsSourceReaderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Poll Test</title>
        <item><title>OpenAI signs $38 billion AWS deal</title><link>https://poll.example.com/1?utm_source=rss</link><pubDate>Mon, 03 Nov 2025 14:05:00 GMT</pubDate></item>
        <item><title>Dow falls</title><link>https://poll.example.com/2</link></item>
        </channel></rss>
        """;

    private static readonly DateTimeOffset Start = new(2025, 11, 3, 14, 0, 0, TimeSpan.Zero);

    private sealed record Harness(ServiceProvider Services, INewsSourceReader Reader, FakeTimeProvider Time, DealWatchStorage Storage) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }

    private Harness Build(FakeHttpServer server, string path, string kind = "feed", IDictionary<string, string?>? settings = null)
    {
        var prefix = AzuriteFixture.NewPrefix();
        var all = new Dictionary<string, string?>
        {
            ["DealWatch:Sources:0:Name"] = "Poll Test",
            ["DealWatch:Sources:0:Url"] = server.Url(path).ToString(),
            ["DealWatch:Sources:0:Kind"] = kind,
            ["DealWatch:Sources:Timeout"] = "00:00:10",
            ["DealWatch:Sources:ContactEmail"] = "ops@dealwatch.example",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var time = new FakeTimeProvider(Start);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddDealWatchStorage(azurite.Configuration(prefix, all))
            .AddDealWatchSources(azurite.Configuration(prefix, all))
            .BuildServiceProvider();
        return new Harness(services, services.GetRequiredService<INewsSourceReader>(), time, services.GetRequiredService<DealWatchStorage>());
    }

    private async Task<TableEntity> RowAsync(Harness harness)
    {
        var table = await harness.Storage.TableAsync(TableNames.Sources, CancellationToken.None);
        return (await table.GetEntityAsync<TableEntity>(SourceStateStore.Partition, "Poll Test")).Value;
    }

    [Fact]
    public async Task ReadAsync_UnchangedSource_CostsOneConditionalRequestAndIsNotModified()
    {
        const string etag = "\"v1\"";
        const string lastModified = "Mon, 03 Nov 2025 14:00:00 GMT";
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/feed.xml", (HttpContext context) =>
        {
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                return Results.StatusCode(304);
            }

            context.Response.Headers.ETag = etag;
            context.Response.Headers.LastModified = lastModified;
            return Results.Text(Rss, "application/rss+xml; charset=utf-8");
        }));
        await using var harness = Build(server, "feed.xml");

        var first = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);
        await harness.Reader.CommitAsync(first, CancellationToken.None);
        var requestsBefore = server.RequestCount("/feed.xml");
        var second = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);

        Assert.Equal(SourceReadStatus.Updated, first.Status);
        Assert.Equal(2, first.Stories.Count);
        Assert.Equal("https://poll.example.com/1", first.Stories[0].Url);
        Assert.Equal(SourceReadStatus.NotModified, second.Status);
        Assert.Empty(second.Stories);
        Assert.Equal(1, server.RequestCount("/feed.xml") - requestsBefore);
        var conditional = server.Requests.Last();
        Assert.Equal(etag, conditional.Headers["If-None-Match"]);
        Assert.Equal(lastModified, conditional.Headers["If-Modified-Since"]);
        var row = await RowAsync(harness);
        Assert.Equal("NotModified", row.GetString("LastStatus"));
        Assert.Equal(304, row.GetInt32("LastHttpStatus"));
    }

    [Fact]
    public async Task ReadAsync_ServerIgnoresValidatorsButSendsTheSameBody_IsNotModified()
    {
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/feed.xml", () => Results.Text(Rss, "text/xml")));
        await using var harness = Build(server, "feed.xml");

        var first = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);
        await harness.Reader.CommitAsync(first, CancellationToken.None);
        var second = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);

        Assert.Equal(SourceReadStatus.Updated, first.Status);
        Assert.Equal(SourceReadStatus.NotModified, second.Status);
    }

    [Fact]
    public async Task ReadAsync_UpdatedButNotCommitted_ReadsTheSourceInFullAgain()
    {
        const string etag = "\"v1\"";
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/feed.xml", (HttpContext context) =>
        {
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                return Results.StatusCode(304);
            }

            context.Response.Headers.ETag = etag;
            return Results.Text(Rss, "application/rss+xml; charset=utf-8");
        }));
        await using var harness = Build(server, "feed.xml");

        var first = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);
        var afterCrash = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);
        await harness.Reader.CommitAsync(afterCrash, CancellationToken.None);
        var committed = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);

        Assert.Equal(SourceReadStatus.Updated, first.Status);
        Assert.Equal(SourceReadStatus.Updated, afterCrash.Status);
        Assert.Equal(first.Stories.Select(s => s.Id), afterCrash.Stories.Select(s => s.Id));
        Assert.Equal(SourceReadStatus.NotModified, committed.Status);
    }

    [Fact]
    public async Task ReadAsync_ServerError_BacksOffExponentiallyAndRecordsHealth()
    {
        var failing = true;
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/feed.xml", () => failing ? Results.StatusCode(500) : Results.Text(Rss, "text/xml")));
        await using var harness = Build(server, "feed.xml", settings: new Dictionary<string, string?>
        {
            ["DealWatch:Sources:Backoff:Initial"] = "00:01:00",
            ["DealWatch:Sources:Backoff:Max"] = "00:03:00",
        });

        var first = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);
        var row = await RowAsync(harness);
        Assert.Equal(SourceReadStatus.Failed, first.Status);
        Assert.Equal("HTTP 500 Internal Server Error from 127.0.0.1", first.Error);
        Assert.Equal(1, row.GetInt32("ConsecutiveFailures"));
        Assert.Equal(500, row.GetInt32("LastHttpStatus"));
        Assert.Equal(Start + TimeSpan.FromMinutes(1), row.GetDateTimeOffset("NextAttemptAt"));
        Assert.Equal(1, server.RequestCount("/feed.xml"));

        // While backing off the source is not asked at all.
        harness.Time.Advance(TimeSpan.FromSeconds(59));
        var skipped = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);
        Assert.Equal(SourceReadStatus.Skipped, skipped.Status);
        Assert.Equal(1, server.RequestCount("/feed.xml"));

        // The second failure doubles the rest; the third is capped at Max.
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SourceReadStatus.Failed, (await harness.Reader.ReadAsync("Poll Test", CancellationToken.None)).Status);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromMinutes(2), (await RowAsync(harness)).GetDateTimeOffset("NextAttemptAt"));
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(SourceReadStatus.Failed, (await harness.Reader.ReadAsync("Poll Test", CancellationToken.None)).Status);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromMinutes(3), (await RowAsync(harness)).GetDateTimeOffset("NextAttemptAt"));
        Assert.Equal(3, (await RowAsync(harness)).GetInt32("ConsecutiveFailures"));

        // Recovery clears the failures and the backoff.
        failing = false;
        harness.Time.Advance(TimeSpan.FromMinutes(3));
        var recovered = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);
        Assert.Equal(SourceReadStatus.Updated, recovered.Status);
        var health = (await harness.Services.GetRequiredService<ISourceHealthReader>().GetHealthAsync(CancellationToken.None)).Single();
        Assert.Equal(0, health.ConsecutiveFailures);
        Assert.Null(health.NextAttemptAt);
        Assert.Equal(harness.Time.GetUtcNow(), health.LastSuccessAt);
        Assert.Equal("HTTP 500 Internal Server Error from 127.0.0.1", health.LastError);
        Assert.Equal(2, health.LastStoryCount);
        Assert.Equal(4, server.RequestCount("/feed.xml"));
    }

    [Fact]
    public async Task ReadAsync_ServerNeverAnswers_TimesOutOnTheClock()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/hang.xml", async (HttpContext context) =>
        {
            received.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }));
        await using var harness = Build(server, "hang.xml");

        var read = harness.Reader.ReadAsync("Poll Test", CancellationToken.None);
        await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        var result = await read.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Contains("timed out", result.Error);
        Assert.Equal(1, (await RowAsync(harness)).GetInt32("ConsecutiveFailures"));
    }

    [Fact]
    public async Task ReadAsync_BodyTrickles_TimesOutMidBody()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/slow.xml", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Slow</title>", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }));
        await using var harness = Build(server, "slow.xml");

        var read = harness.Reader.ReadAsync("Poll Test", CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        var result = await read.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.StartsWith("timed out after 10 s", result.Error);
    }

    [Fact]
    public async Task ReadAsync_OversizeBody_RefusedWhileReadingBeforeTheServerSentIt()
    {
        // A plain socket server, so "sent" counts exactly the bytes the connection accepted (a small send buffer,
        // no server-side buffering): a client that stops reading stops the server soon after.
        const long total = 64L * 1024 * 1024;
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            socket.SendBufferSize = 64 * 1024;
            var request = new byte[8192];
            var received = 0;
            while (!Encoding.ASCII.GetString(request, 0, received).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                received += await socket.ReceiveAsync(request.AsMemory(received), System.Net.Sockets.SocketFlags.None);
            }

            long sent = 0;
            var item = Encoding.UTF8.GetBytes("<item><title>x</title><link>https://huge.example.com/</link><description>" + new string('y', 1000) + "</description></item>");
            try
            {
                sent += await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n<rss version=\"2.0\"><channel><title>Huge</title>"), System.Net.Sockets.SocketFlags.None);
                while (sent < total)
                {
                    sent += await socket.SendAsync(item, System.Net.Sockets.SocketFlags.None);
                }
            }
            catch (System.Net.Sockets.SocketException)
            {
                // The client hung up: that is the point.
            }

            return sent;
        });
        await using var server = await FakeHttpServer.StartAsync(_ => { });
        await using var harness = Build(server, "unused", settings: new Dictionary<string, string?>
        {
            ["DealWatch:Sources:0:Url"] = $"http://127.0.0.1:{port}/huge.xml",
            ["DealWatch:Sources:MaxBodyBytes"] = "1048576",
        });

        var result = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);
        var sent = await serving.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Contains("larger than the 1,048,576-byte limit", result.Error);
        Assert.True(sent < total / 4, $"the server sent {sent:N0} of {total:N0} bytes");
    }

    [Fact]
    public async Task ReadAsync_AnnouncedOversizeBody_RefusedWithoutReading()
    {
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/big.xml", async (HttpContext context) =>
        {
            context.Response.ContentLength = 50_000_000;
            await context.Response.Body.FlushAsync();
        }));
        await using var harness = Build(server, "big.xml", settings: new Dictionary<string, string?> { ["DealWatch:Sources:MaxBodyBytes"] = "1048576" });

        var result = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);

        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Contains("50,000,000 bytes announced", result.Error);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task ReadAsync_CompressedBody_AsksForCompressionAndDecompresses(string encoding)
    {
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/zip.xml", async (HttpContext context) =>
        {
            var bytes = Encoding.UTF8.GetBytes(Rss);
            using var packed = new MemoryStream();
            await using (Stream compressor = encoding switch
            {
                "gzip" => new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true),
                "br" => new BrotliStream(packed, CompressionLevel.Fastest, leaveOpen: true),
                _ => new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true),
            })
            {
                await compressor.WriteAsync(bytes);
            }

            context.Response.ContentType = "application/rss+xml";
            context.Response.Headers.ContentEncoding = encoding;
            await context.Response.Body.WriteAsync(packed.ToArray());
        }));
        await using var harness = Build(server, "zip.xml");

        var result = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);

        Assert.Equal(SourceReadStatus.Updated, result.Status);
        Assert.Equal("OpenAI signs $38 billion AWS deal", result.Stories[0].Title);
        var acceptEncoding = server.Requests.Single().Headers["Accept-Encoding"];
        Assert.Contains("gzip", acceptEncoding);
        Assert.Contains("br", acceptEncoding);
    }

    [Fact]
    public async Task ReadAsync_MalformedFeed_FailsWithOneLineAndBacksOff()
    {
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/page.html", () => Results.Content("<!DOCTYPE html><html><body>Moved</body></html>", "text/html")));
        await using var harness = Build(server, "page.html");

        var result = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);

        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Equal("not a feed: this is an HTML page (<!DOCTYPE html>), not RSS or Atom", result.Error);
        Assert.NotNull((await RowAsync(harness)).GetDateTimeOffset("NextAttemptAt"));
    }

    [Fact]
    public async Task ReadAsync_EdgarSource_SendsUserAgentWithContactAndReadsTheAtom()
    {
        var atom = await File.ReadAllBytesAsync(TestFiles.Fixture("edgar-current-8k.atom"));
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/cgi-bin/browse-edgar", () => Results.Bytes(atom, "application/atom+xml")));
        await using var harness = Build(server, "cgi-bin/browse-edgar?action=getcurrent&type=8-K&output=atom", "edgar");

        var result = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);

        Assert.Equal(SourceReadStatus.Updated, result.Status);
        Assert.Equal(3, result.Stories.Count);
        Assert.Contains("ops@dealwatch.example", server.Requests.Single().Headers["User-Agent"]);
        Assert.Equal("?action=getcurrent&type=8-K&output=atom", server.Requests.Single().Query);
    }

    [Fact]
    public async Task ReadAsync_CnyesSource_ReadsTheJsonList()
    {
        var json = await File.ReadAllBytesAsync(TestFiles.Fixture("cnyes-newslist.json"));
        await using var server = await FakeHttpServer.StartAsync(app => app.MapGet("/media/api/v1/newslist/category/headline", () => Results.Bytes(json, "application/json")));
        await using var harness = Build(server, "media/api/v1/newslist/category/headline?limit=30", "cnyes", new Dictionary<string, string?> { ["DealWatch:Sources:0:Language"] = "zh-Hant" });

        var result = await harness.Reader.ReadAsync("Poll Test", CancellationToken.None);

        Assert.Equal(SourceReadStatus.Updated, result.Status);
        Assert.Equal("OpenAI棄微軟投AWS 簽下380億美元算力大單", result.Stories[0].Title);
        Assert.Equal("application/json", server.Requests.Single().Headers["Accept"]);
    }

    [Fact]
    public async Task ReadAsync_UnknownSource_Throws()
    {
        await using var server = await FakeHttpServer.StartAsync(_ => { });
        await using var harness = Build(server, "x.xml");

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Reader.ReadAsync("Nobody", CancellationToken.None));
    }
}

public sealed class SourcesOptionsTests
{
    private static IOptions<SourcesOptions> Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddDealWatchSources(configuration).BuildServiceProvider().GetRequiredService<IOptions<SourcesOptions>>();
    }

    [Fact]
    public void Options_ArrayOfSourcesWithSettingsFromAnotherLayer_BindsBoth()
    {
        var options = Resolve(new()
        {
            ["DealWatch:Sources:0:Name"] = "A",
            ["DealWatch:Sources:0:Url"] = "https://a.example.com/rss",
            ["DealWatch:Sources:1:Name"] = "B",
            ["DealWatch:Sources:1:Url"] = "https://b.example.com/list",
            ["DealWatch:Sources:1:Kind"] = "cnyes",
            ["DealWatch:Sources:1:Enabled"] = "false",
            ["DealWatch:Sources:MaxBodyBytes"] = "2048",
        }).Value;

        Assert.Equal(["A", "B"], options.Items.Select(s => s.Name));
        Assert.Equal(SourceKind.Cnyes, options.Items[1].Kind);
        Assert.Equal(2048, options.MaxBodyBytes);
        Assert.Equal(["A"], options.Enabled.Select(s => s.Name));
    }

    [Theory]
    [InlineData("DealWatch:Sources:1:Name", "A", "the name 'A' is used by 2 sources")]
    [InlineData("DealWatch:Sources:1:Url", "/relative/feed", "DealWatch:Sources:1:Url: '/relative/feed' is not an absolute http or https URL")]
    [InlineData("DealWatch:Sources:1:Url", "ftp://b.example.com/feed", "is not an absolute http or https URL")]
    [InlineData("DealWatch:Sources:1:Kind", "edgar", "DealWatch:Sources:ContactEmail is required")]
    [InlineData("DealWatch:Sources:MaxBodyBytes", "10", "DealWatch:Sources:MaxBodyBytes must be between")]
    public void Options_Invalid_FailsAtStartNamingTheKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DealWatch:Sources:0:Name"] = "A",
            ["DealWatch:Sources:0:Url"] = "https://a.example.com/rss",
            ["DealWatch:Sources:1:Name"] = "B",
            ["DealWatch:Sources:1:Url"] = "https://b.example.com/rss",
            [key] = value,
        };

        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(settings).Value);

        Assert.Contains(ex.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
