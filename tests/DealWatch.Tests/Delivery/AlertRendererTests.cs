using System.Text.RegularExpressions;
using DealWatch.Core.Alerts;
using DealWatch.Core.Delivery;

namespace DealWatch.Tests.Delivery;

public sealed partial class AlertRendererTests
{
    private readonly AlertRenderer renderer = new();

    [Fact]
    public void RenderEmail_DealInEnglish_SubjectNamesPartiesAmountAndDuration()
    {
        var email = renderer.RenderEmail(SampleAlerts.Deal("en"));

        Assert.Equal("Compute deal: OpenAI ⇄ AWS, US$38B, 7 years", email.Subject);
    }

    [Fact]
    public void RenderEmail_DealInTraditionalChinese_SubjectUsesChineseUnits()
    {
        var email = renderer.RenderEmail(SampleAlerts.Deal("zh-Hant"));

        Assert.Equal("算力大單：OpenAI ⇄ AWS，380億美元，7年", email.Subject);
    }

    [Theory]
    [InlineData("en", 38_000_000_000, "US$38B")]
    [InlineData("en", 1_400_000_000_000, "US$1.4T")]
    [InlineData("en", 250_000_000, "US$250M")]
    [InlineData("en", 12_500_000_000, "US$12.5B")]
    [InlineData("zh-Hant", 38_000_000_000, "380億美元")]
    [InlineData("zh-Hant", 1_400_000_000_000, "1.4兆美元")]
    [InlineData("zh-Hant", 25_000_000, "2500萬美元")]
    [InlineData("zh-Hant", 380_000_000_000, "3800億美元")]
    public void RenderEmail_Amount_IsWrittenInTheReadersUnits(string language, long amount, string expected)
    {
        var deal = SampleAlerts.OpenAiAws() with { AmountUsd = amount, DurationYears = null };

        var email = renderer.RenderEmail(SampleAlerts.Deal(language, deal));

        Assert.EndsWith(expected, email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_AmazonAsBuyer_IsAmazonNotAws()
    {
        var deal = SampleAlerts.OpenAiAws() with { Buyer = "amazon", Provider = "nvidia", Parties = ["amazon", "nvidia"], DealType = "chip-supply" };

        var email = renderer.RenderEmail(SampleAlerts.Deal("en", deal));

        Assert.StartsWith("Compute deal: Amazon ⇄ Nvidia,", email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_UnknownAndChineseParties_AreTitleCasedOrKept()
    {
        var deal = SampleAlerts.OpenAiAws() with { Buyer = "halden-compute", Provider = "雲算科技", Parties = ["halden-compute", "雲算科技", "nvidia"], AmountUsd = null, DurationYears = null, CapacityGw = 1.5 };

        var email = renderer.RenderEmail(SampleAlerts.Deal("zh-Hant", deal));

        Assert.Equal("算力大單：Halden Compute ⇄ 雲算科技 + 輝達，1.5 GW", email.Subject);
    }

    [Fact]
    public void RenderEmail_DealUpdate_SaysTheAmountWasRevised()
    {
        Assert.Equal("Deal update: OpenAI ⇄ AWS, amount revised from US$10B to US$12B", renderer.RenderEmail(SampleAlerts.Update("en")).Subject);
        Assert.Equal("交易更新：OpenAI ⇄ AWS，金額由100億美元修正為120億美元", renderer.RenderEmail(SampleAlerts.Update("zh-Hant")).Subject);
    }

    [Fact]
    public void RenderEmail_IndexMove_NamesIndexPercentPointsAndLevel()
    {
        var email = renderer.RenderEmail(SampleAlerts.IndexMove(SampleAlerts.Dow, "1%"));

        Assert.Equal("Dow Jones −1.2% (−574 pts) at 46,912", email.Subject);
        Assert.Equal("道瓊 −1.2%（−574 點），報 46,912", renderer.RenderEmail(SampleAlerts.IndexMove(SampleAlerts.Dow, "1%", "zh-Hant")).Subject);
    }

    [Fact]
    public void RenderEmail_TaiexFuturesNightSessionInPoints_NamesTheNightSessionAndLeadsWithPoints()
    {
        var email = renderer.RenderEmail(SampleAlerts.IndexMove(SampleAlerts.TxfNight, "150 points", "zh-Hant"));

        Assert.Equal("台指期夜盤 +155 點（+0.7%），報 23,012", email.Subject);
        Assert.Contains("門檻：150 點", email.Text, StringComparison.Ordinal);
        Assert.Contains("時段：夜盤", email.Text, StringComparison.Ordinal);
        Assert.Equal("TAIEX futures night session +155 pts (+0.7%) at 23,012", renderer.RenderEmail(SampleAlerts.IndexMove(SampleAlerts.TxfNight, "150 points")).Subject);
    }

    [Fact]
    public void RenderEmail_ShareMove_NamesCompanyTickerAndPrice()
    {
        var email = renderer.RenderEmail(SampleAlerts.IndexMove(SampleAlerts.Amzn, "3%"));

        Assert.Equal("Amazon (AMZN) +4.0% at US$254.00", email.Subject);
    }

    [Fact]
    public void RenderEmail_MarketReaction_SaysTheMoveSinceTheDeal()
    {
        Assert.Equal("AMZN +4.8% in 1 trading day after the OpenAI ⇄ AWS deal", renderer.RenderEmail(SampleAlerts.Reaction("en")).Subject);
        Assert.Equal("OpenAI ⇄ AWS 交易後 1 個交易日，AMZN +4.8%", renderer.RenderEmail(SampleAlerts.Reaction("zh-Hant")).Subject);
    }

    [Fact]
    public void RenderEmail_Deal_BodiesCarryFactsSourcesMarketAndAlertId()
    {
        var alert = SampleAlerts.Deal("en");

        var email = renderer.RenderEmail(alert);

        foreach (var body in new[] { email.Text, email.Html })
        {
            Assert.Contains("OpenAI, AWS (AMZN)", body, StringComparison.Ordinal);
            Assert.Contains("OpenAI → AWS", body, StringComparison.Ordinal);
            Assert.Contains("Cloud capacity", body, StringComparison.Ordinal);
            Assert.Contains("US$38B (as reported: “US$38 billion”)", body, StringComparison.Ordinal);
            Assert.Contains("7 years", body, StringComparison.Ordinal);
            Assert.Contains("AWS and OpenAI announce multi-year strategic partnership", body, StringComparison.Ordinal);
            Assert.Contains("About Amazon, 2025-11-03 13:00 UTC", body, StringComparison.Ordinal);
            Assert.Contains("鉅亨網", body, StringComparison.Ordinal);
            Assert.Contains("Amazon (AMZN)", body, StringComparison.Ordinal);
            Assert.Contains("+4.00%", body, StringComparison.Ordinal);
            Assert.Contains("Dow Jones", body, StringComparison.Ordinal);
            Assert.Contains($"DealWatch alert {alert.Id}", body, StringComparison.Ordinal);
        }

        Assert.Contains("<a href=\"https://news.cnyes.com/news/id/6213456\">OpenAI與AWS簽署380億美元算力合約</a>", email.Html, StringComparison.Ordinal);
        Assert.Contains("https://news.cnyes.com/news/id/6213456", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_ChineseDeal_BodyIsInChinese()
    {
        var email = renderer.RenderEmail(SampleAlerts.Deal("zh-Hant"));

        Assert.Contains("<html lang=\"zh-Hant\">", email.Html, StringComparison.Ordinal);
        Assert.Contains("參與方：OpenAI、AWS（AMZN）", email.Text, StringComparison.Ordinal);
        Assert.Contains("類型：雲端算力", email.Text, StringComparison.Ordinal);
        Assert.Contains("報導來源", email.Text, StringComparison.Ordinal);
        Assert.Contains("DealWatch 快訊編號", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_HostileStoryTexts_AreHtmlEncoded()
    {
        const string title = "<script>alert(\"x\")</script> AT&T signs 'big' deal <img src=x onerror=alert(1)>";
        var deal = SampleAlerts.OpenAiAws([new DealSource("s", title, "https://example.com/a?b=1&c=\"2\"", "<b>Outlet</b> & Co", "en", null)]) with
        {
            AmountText = "<i>US$38 billion</i>",
            Buyer = "<script>",
            Parties = ["<script>", "amazon"],
        };

        var email = renderer.RenderEmail(SampleAlerts.Deal("en", deal, id: "id<script>&\""));

        Assert.DoesNotContain("<script", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Outlet", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; AT&amp;T signs &#39;big&#39; deal", email.Html, StringComparison.Ordinal);
        foreach (Match href in Href().Matches(email.Html))
        {
            Assert.StartsWith("https://example.com/a?b=1&amp;c=%222%22", href.Groups[1].Value, StringComparison.Ordinal);
        }

        Assert.Contains(title, email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData(" JavaScript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("//evil.example.com/relative")]
    [InlineData("file:///etc/passwd")]
    public void RenderEmail_SourceUrlThatIsNotHttp_IsNotLinked(string url)
    {
        var deal = SampleAlerts.OpenAiAws([new DealSource("s", "Plain title", url, "Outlet", "en", null)]);

        var email = renderer.RenderEmail(SampleAlerts.Deal("en", deal));

        Assert.Empty(Href().Matches(email.Html));
        Assert.DoesNotContain(url.Trim(), email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(url.Trim(), email.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Plain title", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_NewlinesInTexts_SubjectStaysOneLine()
    {
        var deal = SampleAlerts.OpenAiAws() with { Buyer = "evil\r\nBcc: victim@example.com", Parties = [] };

        var email = renderer.RenderEmail(SampleAlerts.Deal("en", deal));

        Assert.DoesNotContain('\r', email.Subject);
        Assert.DoesNotContain('\n', email.Subject);
    }

    [Fact]
    public void RenderDigest_SeveralAlerts_ListsEachHeadlineUnderADatedSubject()
    {
        var alerts = new[] { SampleAlerts.Deal("en"), SampleAlerts.IndexMove(SampleAlerts.Dow, "1%") };

        var email = renderer.RenderDigest(alerts, "en", new DateOnly(2025, 11, 3));

        Assert.Equal("DealWatch daily digest, 2025-11-03: 2 alerts", email.Subject);
        Assert.Contains("Compute deal: OpenAI ⇄ AWS, US$38B, 7 years", email.Html, StringComparison.Ordinal);
        Assert.Contains("Dow Jones −1.2% (−574 pts) at 46,912", email.Text, StringComparison.Ordinal);
        Assert.Equal("DealWatch 每日摘要 2025-11-03：2 則快訊", renderer.RenderDigest(alerts, "zh-Hant", new DateOnly(2025, 11, 3)).Subject);
    }

    [Fact]
    public void RenderEmail_DigestAlert_RendersItsItems()
    {
        var digest = new Alert
        {
            Id = "digest.desk-en.20251103",
            Kind = AlertKind.Digest,
            Subscription = "desk-en",
            Language = "en",
            CreatedAt = SampleAlerts.At,
            DigestDate = new DateOnly(2025, 11, 3),
            Items = [SampleAlerts.Deal("en")],
        };

        var email = renderer.RenderEmail(digest);

        Assert.Equal("DealWatch daily digest, 2025-11-03: 1 alert", email.Subject);
        Assert.Contains("Compute deal: OpenAI ⇄ AWS", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_SameAlertTwice_RendersTheSameMessage()
    {
        Assert.Equal(renderer.RenderEmail(SampleAlerts.Deal("zh-Hant")), renderer.RenderEmail(SampleAlerts.Deal("zh-Hant")));
        Assert.Equal(renderer.RenderTeamsCard(SampleAlerts.Deal("en")), renderer.RenderTeamsCard(SampleAlerts.Deal("en")));
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
