using DealWatch.Core.Sources;
using FsCheck.Xunit;

namespace DealWatch.Tests.Sources;

public sealed class FeedDatesTests
{
    [Theory]
    [InlineData("Mon, 03 Nov 2025 14:05:00 GMT", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 03 Nov 2025 14:05:00 UT", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 03 Nov 2025 09:05:00 EST", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 03 Nov 2025 10:05:00 EDT", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 03 Nov 2025 08:05:00 CST", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 03 Nov 2025 07:05:00 PDT", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 03 Nov 2025 22:05:00 GMT+8", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 03 Nov 2025 22:05:00 GMT+08:00", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 03 Nov 2025 22:05:00 UTC+0800", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 03 Nov 2025 22:05:00 +0800", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 3 Nov 2025 22:05:00 +08:00", "2025-11-03T14:05:00Z")]
    [InlineData("Mon,03 Nov 2025 14:05:00 GMT", "2025-11-03T14:05:00Z")]
    [InlineData("03 Nov 2025 14:05 GMT", "2025-11-03T14:05:00Z")]
    [InlineData("Monday, 03 November 2025 14:05:00 GMT", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 03 Sept 2025 14:05:00 GMT", "2025-09-03T14:05:00Z")]
    [InlineData("Fri, 03 Nov 2025 14:05:00 GMT", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 03 Nov 25 14:05:00 GMT", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 03 Nov 2025 14:05:00", "2025-11-03T14:05:00Z")]
    [InlineData("Mon, 03 Nov 2025 14:05:00 GMT (Coordinated Universal Time)", "2025-11-03T14:05:00Z")]
    [InlineData("November 3, 2025 9:05 AM EST", "2025-11-03T14:05:00Z")]
    [InlineData("Monday, November 3, 2025 at 9:05 p.m. EST", "2025-11-04T02:05:00Z")]
    [InlineData("Nov 3 2025 14:05:00 GMT", "2025-11-03T14:05:00Z")]
    [InlineData("2025-11-03T14:05:00Z", "2025-11-03T14:05:00Z")]
    [InlineData("2025-11-03T22:05:00+08:00", "2025-11-03T14:05:00Z")]
    [InlineData("2025-11-03T09:05:00.123-05:00", "2025-11-03T14:05:00.123Z")]
    [InlineData("2025-11-03 14:05:00", "2025-11-03T14:05:00Z")]
    [InlineData("2025-11-03T14:05", "2025-11-03T14:05:00Z")]
    [InlineData("20251103T140500Z", "2025-11-03T14:05:00Z")]
    [InlineData("2025-11-03", "2025-11-03T00:00:00Z")]
    public void Parse_KnownForms_GivesUtc(string text, string expected)
    {
        var parsed = FeedDates.Parse(text);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Mon, 31 Nov 2025 14:05:00 GMT")]
    [InlineData("Mon, 03 Foo 2025 14:05:00 GMT")]
    [InlineData("Mon, 03 Nov 2025 25:05:00 GMT")]
    [InlineData("Mon, 03 Nov 2025 14:05:00 XYZZY")]
    [InlineData("2025-13-03T14:05:00Z")]
    [InlineData("03/11/2025")]
    public void Parse_UnparseableOrAbsent_IsNull(string? text) => Assert.Null(FeedDates.Parse(text));

    [Fact]
    public void Parse_CstInChinese_IsUtcPlus8()
    {
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 14, 5, 0, TimeSpan.Zero), FeedDates.Parse("Mon, 03 Nov 2025 22:05:00 CST", "zh-Hant"));
        Assert.Equal(new DateTimeOffset(2025, 11, 4, 4, 5, 0, TimeSpan.Zero), FeedDates.Parse("Mon, 03 Nov 2025 22:05:00 CST", "en"));
    }

    [Property(MaxTest = 500)]
    public void Parse_AnyText_NeverThrowsAndIsUtcOrNull(string? text)
    {
        var parsed = FeedDates.Parse(text);
        Assert.True(parsed is null || parsed.Value.Offset == TimeSpan.Zero);
    }

    [Property(MaxTest = 300)]
    public void Parse_Rfc1123OfAnyInstant_RoundTrips(DateTime instant)
    {
        // Moved into 1971..2199 by whole years (AddYears turns 29 February into 28 in a common year), to the second.
        var moved = instant.AddYears(Math.Clamp(instant.Year, 1971, 2199) - instant.Year);
        var utc = new DateTimeOffset(DateTime.SpecifyKind(new DateTime(moved.Year, moved.Month, moved.Day, moved.Hour, moved.Minute, moved.Second), DateTimeKind.Utc));
        Assert.Equal(utc, FeedDates.Parse(utc.ToString("r", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(utc, FeedDates.Parse(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)));
    }
}

public sealed class StoryUrlTests
{
    [Theory]
    [InlineData("https://Example.COM/a?utm_source=x&id=1#frag", "https://example.com/a?id=1")]
    [InlineData("HTTP://example.com:80/a", "http://example.com/a")]
    [InlineData("https://example.com:8443/a", "https://example.com:8443/a")]
    [InlineData("https://example.com", "https://example.com/")]
    [InlineData("https://example.com/a?b=2&a=1&a=0", "https://example.com/a?a=1&a=0&b=2")]
    [InlineData("https://example.com/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ocid=5&utm_term=6", "https://example.com/a")]
    [InlineData("https://example.com/%7euser/%e4%b8%ad", "https://example.com/~user/%E4%B8%AD")]
    [InlineData("https://news.google.com/rss/articles/CBMi123?oc=5&hl=en-US&gl=US&ceid=US:en", "https://news.google.com/rss/articles/CBMi123")]
    [InlineData("https://other.example.com/p?hl=en&oc=5", "https://other.example.com/p?hl=en&oc=5")]
    public void Canonicalize_RemovesTrackingAndNormalises(string url, string expected) => Assert.Equal(expected, StoryUrl.Canonicalize(url));

    [Theory]
    [InlineData("mailto:a@example.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.com/a")]
    [InlineData("/relative/without/base")]
    [InlineData("")]
    [InlineData(null)]
    public void Canonicalize_NotAWebLink_IsNull(string? url) => Assert.Null(StoryUrl.Canonicalize(url));

    [Fact]
    public void IdOf_HttpAndHttpsOfOneStory_AreTheSame() =>
        Assert.Equal(StoryUrl.IdOf(StoryUrl.Canonicalize("http://example.com/a?id=1&utm_source=x")!), StoryUrl.IdOf(StoryUrl.Canonicalize("https://example.com/a?id=1")!));

    [Fact]
    public void IdOf_DifferentStories_Differ() =>
        Assert.NotEqual(StoryUrl.IdOf("https://example.com/a?id=1"), StoryUrl.IdOf("https://example.com/a?id=2"));

    [Property(MaxTest = 300)]
    public void Canonicalize_IsIdempotent(string path, string key, string value)
    {
        var url = $"https://example.com/{Uri.EscapeDataString(path ?? "")}?{Uri.EscapeDataString(key ?? "k")}={Uri.EscapeDataString(value ?? "")}&utm_source=feed";
        var once = StoryUrl.Canonicalize(url);
        Assert.NotNull(once);
        Assert.Equal(once, StoryUrl.Canonicalize(once));
        Assert.DoesNotContain("utm_source", once, StringComparison.Ordinal);
    }
}

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<p>Hello <b>world</b></p>", "Hello world")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    [InlineData("AT&amp;T", "AT&T")]
    [InlineData("AT&amp;amp;T", "AT&T")]
    [InlineData("&lt;p&gt;escaped&lt;/p&gt;", "escaped")]
    [InlineData("&amp;lt;p&amp;gt;twice&amp;lt;/p&amp;gt;", "twice")]
    [InlineData("<script>alert('x')</script>Text<style>.a{}</style>", "Text")]
    [InlineData("One<br>two<br/>three", "One two three")]
    [InlineData("  spaced \t\n out\u00A0here\u200B ", "spaced out here")]
    [InlineData("<!-- hidden -->shown", "shown")]
    [InlineData("Cut <a href=\"x", "Cut")]
    [InlineData("台積電&nbsp;營收", "台積電 營收")]
    public void ToPlainText_ReducesMarkupToCleanText(string html, string expected) => Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Theory]
    [InlineData("</>", "")]
    [InlineData("x</ 1>y", "x y")]
    [InlineData("<a<a>>", "")]
    [InlineData("<scr<b>ipt>alert(1)</scr</b>ipt>", "alert(1)")]
    public void ToPlainText_TagsThatFormOnlyOnceOthersAreStripped_AreStrippedToo(string html, string expected) => Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Property(MaxTest = 500)]
    public void ToPlainText_AnyText_HasNoTagsOrRunsOfWhitespace(string? text)
    {
        var plain = HtmlText.ToPlainText(text);
        Assert.DoesNotContain("  ", plain, StringComparison.Ordinal);
        Assert.Equal(plain.Trim(), plain);
        Assert.DoesNotMatch("<[A-Za-z/][^<>]*>", plain);
    }
}

public sealed class TitleFingerprintTests
{
    [Theory]
    [InlineData("OpenAI signs $38 billion deal with AWS", "OPENAI SIGNS $38BN DEAL WITH AWS!")]
    [InlineData("OpenAI signs $38 billion deal with AWS", "The OpenAI deal with AWS: signs $38bn")]
    [InlineData("ＯｐｅｎＡＩ與ＡＷＳ簽約", "OpenAI與AWS簽約")]
    [InlineData("OpenAI棄微軟投AWS 簽下380億美元算力大單", "OpenAI棄微軟投AWS，簽下380億美元算力大單")]
    public void Compute_SameHeadlineRepublished_SameFingerprint(string a, string b) =>
        Assert.Equal(TitleFingerprint.Compute(a), TitleFingerprint.Compute(b));

    [Theory]
    [InlineData("OpenAI signs $38 billion deal with AWS", "Amazon shares jump after OpenAI strikes $38bn, seven-year AWS deal")]
    [InlineData("OpenAI signs $38 billion deal with AWS", "OpenAI棄微軟投AWS 簽下380億美元算力大單")]
    [InlineData("Dow falls 500 points", "Dow falls 600 points")]
    public void Compute_DifferentWording_DifferentFingerprint(string a, string b) =>
        Assert.NotEqual(TitleFingerprint.Compute(a), TitleFingerprint.Compute(b));

    [Fact]
    public void Similarity_RewrittenHeadlinesOfOneDeal_OverlapMoreThanUnrelatedOnes()
    {
        var same = TitleFingerprint.Similarity("OpenAI signs $38 billion, seven-year cloud deal with Amazon Web Services", "Amazon shares jump after OpenAI strikes $38bn, seven-year AWS deal");
        var unrelated = TitleFingerprint.Similarity("OpenAI signs $38 billion, seven-year cloud deal with Amazon Web Services", "Dow falls 570 points as bank shares slide");

        Assert.True(same > unrelated, $"{same} <= {unrelated}");
        Assert.True(same >= 0.25, $"{same}");
    }

    [Fact]
    public void Tokens_Chinese_AreBigramsWithoutFunctionCharacters()
    {
        var tokens = TitleFingerprint.Tokens("台積電的營收");

        Assert.Contains("台積", tokens);
        Assert.Contains("積電", tokens);
        Assert.Contains("營收", tokens);
    }
}
