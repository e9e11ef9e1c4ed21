using System.Text;
using System.Text.Json.Nodes;
using DealWatch.Core.Alerts;
using DealWatch.Core.Delivery;

namespace DealWatch.Tests.Delivery;

public sealed class TeamsCardTests
{
    private static readonly HashSet<string> Adaptive15Types = ["AdaptiveCard", "TextBlock", "FactSet", "RichTextBlock", "TextRun", "Action.OpenUrl"];

    private readonly AlertRenderer renderer = new();

    [Fact]
    public void RenderTeamsCard_Deal_IsAMessageWithOneAdaptiveCard15()
    {
        var message = JsonNode.Parse(renderer.RenderTeamsCard(SampleAlerts.Deal("en")))!.AsObject();

        Assert.Equal("message", message["type"]!.GetValue<string>());
        var attachment = Assert.Single(message["attachments"]!.AsArray())!.AsObject();
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.True(attachment.ContainsKey("contentUrl"));
        Assert.Null(attachment["contentUrl"]);
        var card = attachment["content"]!.AsObject();
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card["$schema"]!.GetValue<string>());

        var headline = card["body"]!.AsArray().Single(b => b!["text"]?.GetValue<string>() == "Compute deal: OpenAI ⇄ AWS, US$38B, 7 years")!;
        Assert.Equal("TextBlock", headline["type"]!.GetValue<string>());
        Assert.True(headline["wrap"]!.GetValue<bool>());
        Assert.Equal("Bolder", headline["weight"]!.GetValue<string>());

        var facts = card["body"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray()
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.Equal("OpenAI, AWS (AMZN)", facts["Parties"]);
        Assert.Equal("US$38B (as reported: “US$38 billion”)", facts["Amount"]);
        Assert.Equal("7 years", facts["Duration"]);
        Assert.Equal("2 stories", facts["Sources"]);
        Assert.Equal("AMZN +4.0% · Dow Jones −1.2%", facts["Market"]);

        var action = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal("Action.OpenUrl", action["type"]!.GetValue<string>());
        Assert.Equal(SampleAlerts.Sources[0].Url, action["url"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hant")]
    public void RenderTeamsCard_EveryKind_UsesOnlyAdaptiveCard15ElementsAndHttpLinks(string language)
    {
        var alerts = new[]
        {
            SampleAlerts.Deal(language), SampleAlerts.Update(language), SampleAlerts.Reaction(language),
            SampleAlerts.IndexMove(SampleAlerts.Dow, "1%", language), SampleAlerts.IndexMove(SampleAlerts.TxfNight, "150 points", language),
            SampleAlerts.IndexMove(SampleAlerts.Amzn, "3%", language),
        };

        foreach (var alert in alerts)
        {
            var card = JsonNode.Parse(renderer.RenderTeamsCard(alert))!["attachments"]![0]!["content"]!;
            foreach (var node in Descendants(card).OfType<JsonObject>())
            {
                if (node["type"] is JsonValue type)
                {
                    Assert.Contains(type.GetValue<string>(), Adaptive15Types);
                }

                if (node["url"] is JsonValue url)
                {
                    Assert.StartsWith("https://", url.GetValue<string>(), StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void RenderTeamsCard_ChineseAlert_KeepsChineseAsUtf8()
    {
        var body = renderer.RenderTeamsCard(SampleAlerts.Deal("zh-Hant"));

        Assert.Contains("算力大單：OpenAI ⇄ AWS，380億美元，7年", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u7B97", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RenderTeamsCard_DealWith200LongSources_StaysUnder28KBAndSaysHowManyMore()
    {
        var sources = Enumerable.Range(1, 200).Select(i => new DealSource(
            $"story-{i}",
            $"第{i}則：" + string.Concat(Enumerable.Repeat("輝達與OpenAI簽署長約，雲端算力需求再創新高，", 12)),
            $"https://news.example.com/{i}/" + new string('a', 1500),
            "鉅亨網 Anue " + new string('x', 80),
            "zh-Hant",
            SampleAlerts.At)).ToArray();

        var body = renderer.RenderTeamsCard(SampleAlerts.Deal("zh-Hant", SampleAlerts.OpenAiAws(sources)));

        Assert.True(Encoding.UTF8.GetByteCount(body) < 28 * 1024, $"{Encoding.UTF8.GetByteCount(body)} bytes");
        var card = JsonNode.Parse(body)!["attachments"]![0]!["content"]!;
        var shown = card["body"]!.AsArray().Count(b => b!["type"]!.GetValue<string>() == "RichTextBlock");
        Assert.InRange(shown, 1, 199);
        Assert.Contains(card["body"]!.AsArray(), b => b!["text"]?.GetValue<string>() == $"另有 {200 - shown} 則");
        Assert.Contains("200 則", body, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderTeamsCard_ManyShortSources_ShowsTenAndCountsTheRest()
    {
        var sources = Enumerable.Range(1, 30).Select(i => new DealSource($"s{i}", $"Story {i}", $"https://example.com/{i}", "Outlet", "en", null)).ToArray();

        var card = JsonNode.Parse(renderer.RenderTeamsCard(SampleAlerts.Deal("en", SampleAlerts.OpenAiAws(sources))))!["attachments"]![0]!["content"]!;

        Assert.Equal(10, card["body"]!.AsArray().Count(b => b!["type"]!.GetValue<string>() == "RichTextBlock"));
        Assert.Contains(card["body"]!.AsArray(), b => b!["text"]?.GetValue<string>() == "+20 more");
    }

    [Fact]
    public void RenderTeamsCard_HostileStoryTexts_CannotInjectMarkdownMentionsOrLinks()
    {
        const string hostile = "**Breaking** [click here](javascript:alert(1)) _urgent_ # Title <at>Everyone</at> `code` ~~gone~~ {{DATE(2025-11-03T13:00:00Z,SHORT)}} &lt;b&gt; \\*";
        var deal = SampleAlerts.OpenAiAws([
            new DealSource("s1", hostile, "javascript:alert(1)", hostile, "en", null),
            new DealSource("s2", "- 1. list item", "https://example.com/ok", "Outlet", "en", null),
        ]) with
        {
            AmountText = "[US$38B](https://evil.example.com)",
            Buyer = "**evil**_corp_",
            Parties = ["**evil**_corp_", "amazon"],
        };

        var body = renderer.RenderTeamsCard(SampleAlerts.Deal("en", deal));
        var card = JsonNode.Parse(body)!["attachments"]![0]!["content"]!;
        var texts = Descendants(card).OfType<JsonObject>()
            .SelectMany(o => new[] { o["text"], o["value"], o["title"] })
            .OfType<JsonValue>().Select(v => v.GetValue<string>()).ToList();

        Assert.NotEmpty(texts);
        foreach (var text in texts)
        {
            foreach (var markup in new[] { "**", "](", "<at>", "</at>", "_urgent_", "`", "~~", "{{", "&lt;", "\\", "[", "#" })
            {
                Assert.DoesNotContain(markup, text, StringComparison.Ordinal);
            }

            Assert.False(text.StartsWith('-') || text.StartsWith("1.", StringComparison.Ordinal), text);
        }

        var urls = Descendants(card).OfType<JsonObject>().Select(o => o["url"]).OfType<JsonValue>().Select(v => v.GetValue<string>()).ToList();
        Assert.All(urls, url => Assert.Equal("https://example.com/ok", url));
        Assert.Contains(texts, t => t.Contains("∗∗Breaking∗∗ ［click here］(javascript:alert(1)) ˍurgentˍ", StringComparison.Ordinal));
    }

    [Fact]
    public void RenderTeamsCard_DigestAlert_ListsItsHeadlines()
    {
        var digest = new Alert
        {
            Id = "digest.desk-en.20251103",
            Kind = AlertKind.Digest,
            Subscription = "desk-en",
            Language = "en",
            CreatedAt = SampleAlerts.At,
            DigestDate = new DateOnly(2025, 11, 3),
            Items = [SampleAlerts.Deal("en"), SampleAlerts.IndexMove(SampleAlerts.Dow, "1%")],
        };

        var body = renderer.RenderTeamsCard(digest);

        var card = JsonNode.Parse(body)!["attachments"]![0]!["content"]!;
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var texts = card["body"]!.AsArray().Select(b => b!["text"]?.GetValue<string>()).ToList();
        Assert.Contains("DealWatch daily digest, 2025-11-03: 2 alerts", texts);
        Assert.Contains("Compute deal: OpenAI ⇄ AWS, US$38B, 7 years", texts);
        Assert.Contains("Dow Jones −1.2% (−574 pts) at 46,912", texts);
    }

    [Theory]
    [InlineData("**bold**", "∗∗bold∗∗")]
    [InlineData("snake_case_name", "snakeˍcaseˍname")]
    [InlineData("[x](https://evil)", "［x］(https://evil)")]
    [InlineData("<at>Bob</at>", "‹at›Bob‹/at›")]
    [InlineData("- item", "\u200B- item")]
    [InlineData("12. item", "\u200B12. item")]
    [InlineData("{{TIME(2025-11-03T13:00:00Z)}}", "{\u200B{TIME(2025-11-03T13:00:00Z)}\u200B}")]
    [InlineData("a\r\nb\tc", "a b c")]
    [InlineData("AT&T &amp; Co", "AT&T ＆amp; Co")]
    [InlineData("台積電：3奈米", "台積電：3奈米")]
    public void NeutraliseMarkdown_StoryText_BecomesInert(string input, string expected) =>
        Assert.Equal(expected, MarkupSafety.NeutraliseMarkdown(input));

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
