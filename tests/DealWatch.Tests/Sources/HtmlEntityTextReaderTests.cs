using DealWatch.Core.Sources;

namespace DealWatch.Tests.Sources;

public sealed class HtmlEntityTextReaderTests
{
    [Fact]
    public async Task ParseAsync_HtmlEntitiesXmlDoesNotKnow_ReadInsteadOfFailingTheFeed()
    {
        await using var file = File.OpenRead(TestFiles.Fixture("html-entities-undeclared.xml"));

        var result = await NewsFeedParser.ParseAsync(file, new FeedParseOptions(), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var story = result.Stories.Single();
        Assert.Equal("Café chain’s AI pilot — 40 stores… & counting", story.Title);
        Assert.Equal("https://handmade.example.com/2025/11/03/cafe?a=1&b=2", story.Url);
        Assert.Equal("Hand Made News", story.Source);
        Assert.Equal("Prices up 5 % – © Hand Made &bogus; stays", story.Summary);
    }

    [Fact]
    public async Task ParseAsync_BareAmpersand_ReadAsText()
    {
        var body = "<rss version=\"2.0\"><channel><title>T</title><item><title>R&D &bogus; lab</title><link>https://x.example.com/</link></item></channel></rss>"u8.ToArray();

        var result = await NewsFeedParser.ParseAsync(new MemoryStream(body), new FeedParseOptions(), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("R&D &bogus; lab", result.Stories.Single().Title);
    }

    [Fact]
    public async Task ParseAsync_UnknownEntityName_ReadAsLiteralText()
    {
        var body = "<rss version=\"2.0\"><channel><title>T</title><item><title>Lab &bogus; news</title><link>https://x.example.com/</link></item></channel></rss>"u8.ToArray();

        var result = await NewsFeedParser.ParseAsync(new MemoryStream(body), new FeedParseOptions(), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("Lab &bogus; news", result.Stories.Single().Title);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Read_EntitySplitAcrossReads_RewrittenWhole(int chunk)
    {
        const string text = "a&nbsp;b &mdash; c &amp; d &lt;e&gt; &#233; &#x4E2D; &hellip; &nope; R&D &";
        using var reader = new HtmlEntityTextReader(new TrickleReader(text, chunk));

        var result = await reader.ReadToEndAsync();

        Assert.Equal("a&#160;b &#8212; c &amp; d &lt;e&gt; &#233; &#x4E2D; &#8230; &amp;nope; R&amp;D &amp;", result);
    }

    /// <summary>A reader that gives at most <paramref name="chunk"/> characters per read.</summary>
    private sealed class TrickleReader(string text, int chunk) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var n = Math.Min(Math.Min(chunk, buffer.Length), text.Length - _position);
            text.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
    }
}
