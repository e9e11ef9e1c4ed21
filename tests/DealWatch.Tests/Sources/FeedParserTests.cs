using System.Text;
using DealWatch.Core.Sources;

namespace DealWatch.Tests.Sources;

public sealed class FeedParserTests
{
    private static async Task<FeedParseResult> ParseFixtureAsync(string name, FeedParseOptions? options = null)
    {
        await using var file = File.OpenRead(TestFiles.Fixture(name));
        return await NewsFeedParser.ParseAsync(file, options ?? new FeedParseOptions(), CancellationToken.None);
    }

    private static Task<FeedParseResult> ParseTextAsync(string text, FeedParseOptions? options = null) =>
        NewsFeedParser.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), options ?? new FeedParseOptions(), CancellationToken.None);

    [Fact]
    public async Task ParseAsync_Big5WithDeclaration_DecodesTraditionalChinese()
    {
        var result = await ParseFixtureAsync("big5-declared.xml");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("台積電10月營收年增16.9% 創同期新高", result.Stories[0].Title);
        Assert.Equal("鴻海AI伺服器出貨暢旺 法人看好第四季", result.Stories[1].Title);
        Assert.Equal("台積電（2330）公布10月營收3,674.7億元，年增16.9%。", result.Stories[0].Summary);
        Assert.All(result.Stories, s => Assert.Equal("zh-Hant", s.Language));
    }

    [Fact]
    public async Task ParseAsync_Big5WithoutDeclaration_UsesHttpCharset()
    {
        var result = await ParseFixtureAsync("big5-undeclared.xml", new FeedParseOptions { ContentType = "text/xml; charset=Big5" });

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("台積電10月營收年增16.9% 創同期新高", result.Stories[0].Title);
    }

    [Fact]
    public async Task ParseAsync_CstInChineseFeed_IsChinaStandardTime()
    {
        var result = await ParseFixtureAsync("big5-declared.xml");

        // "Mon, 03 Nov 2025 15:02:00 CST" in a zh-TW feed is UTC+8, not US Central.
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 7, 2, 0, TimeSpan.Zero), result.Stories[1].PublishedAt);
    }

    [Fact]
    public async Task ParseAsync_Utf8BomAtom_ResolvesXmlBaseAndReadsXhtml()
    {
        var result = await ParseFixtureAsync("utf8-bom.atom");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("Atom 1.0", result.Format);
        var first = result.Stories[0];
        Assert.Equal("Nvidia & Microsoft expand AI partnership", first.Title);
        Assert.Equal("https://atom.example.com/news/2025/11/03/nvidia-microsoft.html", first.Url);
        Assert.Equal("The companies said nothing about price.", first.Summary);
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 15, 15, 30, 120, TimeSpan.Zero), first.PublishedAt);
        var second = result.Stories[1];
        Assert.Equal("https://other.example.org/world/marches/2025-11-03.html", second.Url);
        Assert.Equal("fr", second.Language);
        Assert.Equal("Le marché européen recule", second.Title);
    }

    [Fact]
    public async Task ParseAsync_Rss10Rdf_ReadsItemsBesideTheChannel()
    {
        var result = await ParseFixtureAsync("rss10.rdf");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("RSS 1.0 (RDF)", result.Format);
        Assert.Equal(2, result.Stories.Count);
        Assert.Equal("ソフトバンク、AIデータセンターに投資", result.Stories[0].Title);
        Assert.Equal("ja", result.Stories[0].Language);
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 9, 0, 0, TimeSpan.Zero), result.Stories[0].PublishedAt);
        Assert.Equal("https://rdf.example.jp/articles/1002", result.Stories[1].Url);
        Assert.Equal("en", result.Stories[1].Language);
        Assert.All(result.Stories, s => Assert.Equal("RDF Example News", s.Source));
    }

    [Fact]
    public async Task ParseAsync_Rss091WithNetscapeDoctype_ParsesAsWindows1252()
    {
        var result = await ParseFixtureAsync("rss091-netscape-doctype.xml");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("RSS 0.91", result.Format);
        Assert.Equal("Café chain's “AI barista” pilot expands", result.Stories.Single().Title);
        Assert.Null(result.Stories.Single().PublishedAt);
    }

    [Fact]
    public async Task ParseAsync_HtmlPage_SaysItIsAnHtmlPage()
    {
        var result = await ParseFixtureAsync("html-page.html");

        Assert.False(result.Succeeded);
        Assert.Contains("HTML page", result.Error);
        Assert.DoesNotContain('\n', result.Error!);
    }

    [Fact]
    public async Task ParseAsync_TruncatedXml_SaysTruncated()
    {
        var result = await ParseFixtureAsync("truncated.xml");

        Assert.False(result.Succeeded);
        Assert.StartsWith("truncated:", result.Error);
        Assert.Empty(result.Stories);
    }

    [Fact]
    public async Task ParseAsync_ExternalEntity_RefusedWithoutReadingTheFile()
    {
        var result = await ParseFixtureAsync("xxe.xml");

        Assert.False(result.Succeeded);
        Assert.StartsWith("refused:", result.Error);
        Assert.DoesNotContain("root:", result.Error);
    }

    [Fact]
    public async Task ParseAsync_BillionLaughs_RefusedFast()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await ParseFixtureAsync("billion-laughs.xml");

        Assert.False(result.Succeeded);
        Assert.StartsWith("refused:", result.Error);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task ParseAsync_DtdBeyondTheFirstBlock_StillRefusedByTheXmlReader()
    {
        var padding = "<!--" + new string('x', 10_000) + "-->";
        var result = await ParseTextAsync($"<?xml version=\"1.0\"?>{padding}<!DOCTYPE rss [<!ENTITY a \"b\">]><rss><channel><title>&a;</title></channel></rss>");

        Assert.False(result.Succeeded);
        Assert.StartsWith("refused:", result.Error);
    }

    [Fact]
    public async Task ParseAsync_BodyOverLimit_RefusedWhileReading()
    {
        var body = new EndlessFeedStream();
        var result = await NewsFeedParser.ParseAsync(body, new FeedParseOptions { MaxBodyBytes = 64 * 1024 }, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("larger than the 65,536-byte limit", result.Error);
        // The parser stopped at the limit: it did not read the (endless) rest.
        Assert.InRange(body.BytesServed, 64 * 1024, 64 * 1024 + 64 * 1024);
    }

    [Fact]
    public async Task ParseAsync_RelativeLinks_ResolvedAgainstTheFeedUrl()
    {
        var result = await ParseFixtureAsync("relative-links.xml", new FeedParseOptions { BaseUri = new Uri("https://relative.example.com/feeds/all.xml") });

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
            ["https://relative.example.com/news/2025/11/03/one.html", "https://relative.example.com/feeds/two.html", "https://cdn.relative.example.com/three.html", "https://relative.example.com/four.html"],
            result.Stories.Select(s => s.Url));
    }

    [Fact]
    public async Task ParseAsync_TrackingParameters_SameStoryHasOneId()
    {
        var result = await ParseFixtureAsync("tracking-params.xml");

        Assert.True(result.Succeeded, result.Error);
        // Three links to story 42 (utm, fbclid/http/fragment, gclid/mc_cid/ocid) become one story; 43 and the search stay.
        Assert.Equal(["https://track.example.com/story?id=42", "https://track.example.com/story?id=43", "https://track.example.com/search?a=1&b=2"], result.Stories.Select(s => s.Url));
    }

    [Fact]
    public async Task ParseAsync_HtmlInTitlesAndSummaries_ReducedToCleanText()
    {
        var result = await ParseFixtureAsync("html-in-text.xml");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("AT&T & Verizon rally on 5G news", result.Stories[0].Title);
        Assert.Equal("First paragraph. Second & last < 5%.", result.Stories[0].Summary);
        Assert.Equal("Double-encoded bold \"quote\"", result.Stories[1].Title);
        Assert.Equal("Escaped twice", result.Stories[1].Summary);
    }

    [Fact]
    public async Task ParseAsync_BrokenDates_UtcOrNullNeverNow()
    {
        var expected = File.ReadAllLines(TestFiles.Fixture("broken-dates.expected.tsv"))
            .Select(l => l.Split('\t'))
            .ToDictionary(p => $"Date case {p[0]}", p => p[2] == "null" ? (DateTimeOffset?)null : DateTimeOffset.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture));

        var result = await ParseFixtureAsync("broken-dates.xml");

        Assert.True(result.Succeeded, result.Error);
        foreach (var story in result.Stories.Where(s => s.Title.StartsWith("Date case", StringComparison.Ordinal)))
        {
            Assert.True(expected[story.Title] == story.PublishedAt, $"{story.Title}: expected {expected[story.Title]}, got {story.PublishedAt}");
        }

        Assert.Null(result.Stories.Single(s => s.Title == "No date at all").PublishedAt);
        Assert.All(result.Stories.Where(s => s.PublishedAt is not null), s => Assert.Equal(TimeSpan.Zero, s.PublishedAt!.Value.Offset));
    }

    [Fact]
    public async Task ParseAsync_GoogleNews_StripsOutletFromTitleAndPrefersTheRealArticle()
    {
        var result = await ParseFixtureAsync("google-news.xml", new FeedParseOptions { Kind = SourceKind.GoogleNews, DefaultLanguage = "zh-Hant" });

        Assert.True(result.Succeeded, result.Error);
        var cna = result.Stories[0];
        Assert.Equal("OpenAI與AWS簽下380億美元合約", cna.Title);
        Assert.Equal("中央社 CNA", cna.Source);
        // No article URL in the item: the news.google.com link, without its edition parameters.
        Assert.Equal("https://news.google.com/rss/articles/CBMiWkFVX3lxTE1vcGVuYWktYXdzLTM4LWJpbGxpb24tZGVhbA", cna.Url);
        var times = result.Stories[1];
        Assert.Equal("OpenAI turns to Amazon in $38 billion cloud deal", times.Title);
        Assert.Equal("The Example Times", times.Source);
        Assert.Equal("https://www.example-times.com/2025/11/03/technology/openai-amazon-deal.html", times.Url);
        Assert.Equal("", times.Summary);
    }

    [Fact]
    public async Task ParseAsync_EdgarAtom_ReadsLatin1FilingsWithSecAsOutlet()
    {
        var result = await ParseFixtureAsync("edgar-current-8k.atom", new FeedParseOptions { Kind = SourceKind.Edgar, BaseUri = new Uri("https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K&output=atom") });

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(3, result.Stories.Count);
        Assert.All(result.Stories, s => Assert.Equal(NewsFeedParser.EdgarOutlet, s.Source));
        Assert.Equal("8-K - AMAZON COM INC (0001018724) (Filer)", result.Stories[0].Title);
        Assert.StartsWith("Filed: 2025-11-03 AccNo: 0001018724-25-000090", result.Stories[0].Summary);
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 21, 31, 44, TimeSpan.Zero), result.Stories[0].PublishedAt);
        Assert.Equal("8-K - Société Exemple S.A. (0009999999) (Filer)", result.Stories[2].Title);
        Assert.Equal("https://www.sec.gov/Archives/edgar/data/9999999/000999999925000001/0009999999-25-000001-index.htm", result.Stories[2].Url);
    }

    [Fact]
    public async Task ParseAsync_CnyesNewsList_BuildsStoryUrlsAndUtcTimes()
    {
        var result = await ParseFixtureAsync("cnyes-newslist.json", new FeedParseOptions { Kind = SourceKind.Cnyes, DefaultLanguage = "zh-Hant", SourceName = "鉅亨網" });

        Assert.True(result.Succeeded, result.Error);
        var deal = result.Stories[0];
        Assert.Equal("OpenAI棄微軟投AWS 簽下380億美元算力大單", deal.Title);
        Assert.Equal("https://news.cnyes.com/news/id/6201234", deal.Url);
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 14, 30, 0, TimeSpan.Zero), deal.PublishedAt);
        Assert.Equal("zh-Hant", deal.Language);
        Assert.Equal("鉅亨網", deal.Source);
        Assert.Contains("380億美元", deal.Summary);
    }

    [Fact]
    public async Task ParseAsync_CnyesKindGivenAnHtmlPage_SaysSo()
    {
        var result = await ParseTextAsync("<!doctype html><html><body>blocked</body></html>", new FeedParseOptions { Kind = SourceKind.Cnyes });

        Assert.False(result.Succeeded);
        Assert.Contains("HTML page", result.Error);
    }

    [Theory]
    [InlineData("", "empty body")]
    [InlineData("   \n ", "empty body")]
    [InlineData("{\"items\":[]}", "the body is JSON, not XML")]
    [InlineData("<opml version=\"2.0\"><body/></opml>", "the root element is <opml>")]
    [InlineData("<rss><channel><item><title>x</title></item>", "truncated:")]
    [InlineData("<rss><channel><item><title>x</titel></item></channel></rss>", "malformed XML at line 1")]
    public async Task ParseAsync_NotAFeed_OneClearLine(string body, string expected)
    {
        var result = await ParseTextAsync(body);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain('\n', result.Error!);
        Assert.DoesNotContain(" at DealWatch", result.Error);
    }

    [Fact]
    public async Task ParseAsync_WhitespaceBeforeDeclarationAndStrayControlCharacters_StillParses()
    {
        var result = await ParseTextAsync("\n  <?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>T</title><item><title>Bell\u0007 rings</title><link>https://x.example.com/1</link></item></channel></rss>");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("Bell rings", result.Stories.Single().Title);
    }

    [Fact]
    public async Task ParseAsync_SameBodyTwice_SameHashAndIds()
    {
        var a = await ParseFixtureAsync("utf8-bom.atom");
        var b = await ParseFixtureAsync("utf8-bom.atom");

        Assert.NotNull(a.BodySha256);
        Assert.Equal(a.BodySha256, b.BodySha256);
        Assert.Equal(a.Stories.Select(s => s.Id), b.Stories.Select(s => s.Id));
    }

    /// <summary>An RSS document that never ends: its items go on for as long as it is read.</summary>
    private sealed class EndlessFeedStream : Stream
    {
        private readonly byte[] _head = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Endless</title>");
        private readonly byte[] _item = Encoding.UTF8.GetBytes("<item><title>Again</title><link>https://endless.example.com/1</link><description>" + new string('x', 900) + "</description></item>");

        public long BytesServed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var source = BytesServed < _head.Length ? _head : _item;
            var start = BytesServed < _head.Length ? (int)BytesServed : (int)((BytesServed - _head.Length) % _item.Length);
            var n = Math.Min(count, source.Length - start);
            Array.Copy(source, start, buffer, offset, n);
            BytesServed += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesServed; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
