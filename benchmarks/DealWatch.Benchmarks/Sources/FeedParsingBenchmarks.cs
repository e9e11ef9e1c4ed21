using System.Text;
using BenchmarkDotNet.Attributes;
using DealWatch.Core.Sources;

namespace DealWatch.Benchmarks.Sources;

/// <summary>
/// Feed parsing throughput (feeds and MB a second) and allocations: a typical 50-item RSS 2.0 feed, the same as
/// Atom, a Big5 RSS feed, a cnyes JSON list, and a 10 MB RSS feed (streamed, so memory is bounded by an item).
/// </summary>
[MemoryDiagnoser]
public class FeedParsingBenchmarks
{
    private byte[] _rss = [];
    private byte[] _atom = [];
    private byte[] _big5 = [];
    private byte[] _cnyes = [];
    private byte[] _rss10Mb = [];

    [GlobalSetup]
    public void Setup()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        _rss = Encoding.UTF8.GetBytes(Rss(50, "OpenAI signs $38 billion, seven-year cloud deal with Amazon Web Services", 600));
        _atom = Encoding.UTF8.GetBytes(Atom(50));
        _big5 = Encoding.GetEncoding("big5").GetBytes(Rss(50, "OpenAI棄微軟投AWS 簽下380億美元算力大單", 200, "big5"));
        _cnyes = Encoding.UTF8.GetBytes(Cnyes(30));
        _rss10Mb = Encoding.UTF8.GetBytes(Rss(9_000, "Dow falls 570 points as bank shares slide; Nasdaq drops 1.1%", 1_000));
    }

    /// <summary>Sizes, for turning the mean times into MB a second.</summary>
    public IReadOnlyDictionary<string, int> Sizes => new Dictionary<string, int>
    {
        ["Rss50"] = _rss.Length, ["Atom50"] = _atom.Length, ["Big5Rss50"] = _big5.Length, ["Cnyes30"] = _cnyes.Length, ["Rss10Mb"] = _rss10Mb.Length,
    };

    [Benchmark(Baseline = true)]
    public Task<FeedParseResult> Rss50() => Parse(_rss, SourceKind.Feed);

    [Benchmark]
    public Task<FeedParseResult> Atom50() => Parse(_atom, SourceKind.Feed);

    [Benchmark]
    public Task<FeedParseResult> Big5Rss50() => Parse(_big5, SourceKind.Feed);

    [Benchmark]
    public Task<FeedParseResult> Cnyes30() => Parse(_cnyes, SourceKind.Cnyes);

    [Benchmark]
    public Task<FeedParseResult> Rss10Mb() => Parse(_rss10Mb, SourceKind.Feed);

    private static async Task<FeedParseResult> Parse(byte[] body, SourceKind kind)
    {
        var result = await NewsFeedParser.ParseAsync(new MemoryStream(body, writable: false), new FeedParseOptions
        {
            Kind = kind,
            BaseUri = new Uri("https://bench.example.com/feed"),
            MaxBodyBytes = 16 * 1024 * 1024,
        }, CancellationToken.None).ConfigureAwait(false);
        return result.Succeeded ? result : throw new InvalidOperationException(result.Error);
    }

    private static string Rss(int items, string title, int summaryChars, string encoding = "utf-8")
    {
        var builder = new StringBuilder($"<?xml version=\"1.0\" encoding=\"{encoding}\"?><rss version=\"2.0\"><channel><title>Bench</title><link>https://bench.example.com/</link><language>en-us</language>");
        // Whole units only: cutting one could split an entity.
        const string unit = "Amazon &amp; OpenAI &lt;b&gt;compute&lt;/b&gt; deal ";
        var summary = string.Concat(Enumerable.Repeat(unit, (summaryChars + unit.Length - 1) / unit.Length));
        for (var i = 0; i < items; i++)
        {
            builder.Append("<item><title>").Append(title).Append(' ').Append(i).Append("</title>")
                .Append("<link>https://bench.example.com/markets/2025/11/03/story-").Append(i).Append("?utm_source=rss&amp;utm_medium=feed</link>")
                .Append("<guid isPermaLink=\"false\">bench-").Append(i).Append("</guid>")
                .Append("<pubDate>Mon, 03 Nov 2025 09:12:00 EST</pubDate>")
                .Append("<description>").Append(summary).Append("</description></item>");
        }

        return builder.Append("</channel></rss>").ToString();
    }

    private static string Atom(int entries)
    {
        var builder = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\" xml:base=\"https://bench.example.com/\"><title>Bench</title><id>tag:bench</id><updated>2025-11-03T22:15:00Z</updated>");
        for (var i = 0; i < entries; i++)
        {
            builder.Append("<entry><title type=\"html\">Amazon shares jump after OpenAI strikes $38bn, seven-year AWS deal ").Append(i).Append("</title>")
                .Append("<link rel=\"alternate\" type=\"text/html\" href=\"articles/2025/11/03/story-").Append(i).Append("?utm_source=atom\"/>")
                .Append("<id>tag:bench,2025:").Append(i).Append("</id><published>2025-11-03T15:04:00+00:00</published><updated>2025-11-03T15:40:00Z</updated>")
                .Append("<summary type=\"html\">&lt;p&gt;Amazon shares rose as much as 5% after OpenAI agreed to spend $38bn on AWS computing power over seven years.&lt;/p&gt;</summary></entry>");
        }

        return builder.Append("</feed>").ToString();
    }

    private static string Cnyes(int items)
    {
        var data = Enumerable.Range(0, items).Select(i =>
            $"{{\"newsId\":{6201234 + i},\"title\":\"OpenAI棄微軟投AWS 簽下380億美元算力大單 {i}\",\"hasCoverPhoto\":1,\"isIndex\":1,\"summary\":\"OpenAI 週一宣布與亞馬遜AWS 簽署為期7年、總值380億美元的雲端算力合約。\",\"isCategoryHeadline\":1,\"video\":\"\",\"payment\":0,\"publishAt\":1762180200,\"categoryId\":827,\"fundCategoryAbbr\":[],\"etf\":[],\"market\":[]}}");
        return $"{{\"statusCode\":200,\"message\":\"OK\",\"items\":{{\"total\":{items},\"per_page\":30,\"current_page\":1,\"last_page\":1,\"data\":[{string.Join(',', data)}]}}}}";
    }
}
