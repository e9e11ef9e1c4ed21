using DealWatch.Core.Classification;
using FsCheck.Xunit;

namespace DealWatch.Tests.Classification;

public sealed class AmountParsingTests
{
    [Theory]
    [InlineData("$38 billion", 38e9, "USD")]
    [InlineData("US$38bn", 38e9, "USD")]
    [InlineData("a 38B deal", 38e9, "USD")]
    [InlineData("$1.4 trillion", 1.4e12, "USD")]
    [InlineData("more than $10 billion", 10e9, "USD")]
    [InlineData("up to $100B", 100e9, "USD")]
    [InlineData("$900M", 900e6, "USD")]
    [InlineData("38 billion dollars", 38e9, "USD")]
    [InlineData("3.8B USD", 3.8e9, "USD")]
    [InlineData("$10B+", 10e9, "USD")]
    [InlineData("$1,200 million", 1.2e9, "USD")]
    [InlineData("€1.2 billion", 1.2e9, "EUR")]
    [InlineData("£500m", 500e6, "GBP")]
    [InlineData("NT$12bn", 12e9, "TWD")]
    public void Parse_EnglishForms_ReturnValueAndCurrency(string text, double expected, string currency)
    {
        Assert.True(MoneyParser.TryParse(text, out var mention));
        Assert.Equal((decimal)expected, mention.Value);
        Assert.Equal(currency, mention.Currency);
    }

    [Theory]
    [InlineData("$1.5bn-$2bn", 2e9)]
    [InlineData("$10-12 billion", 12e9)]
    [InlineData("$70 billion to $72 billion", 72e9)]
    [InlineData("700億至720億美元", 72e9)]
    [InlineData("700至720億美元", 72e9)]
    public void Parse_Range_ReturnsUpperEnd(string text, double expected)
    {
        Assert.True(MoneyParser.TryParse(text, out var mention));
        Assert.Equal((decimal)expected, mention.Value);
    }

    [Theory]
    [InlineData("380億美元", 38e9, "USD")]
    [InlineData("1.4兆美元", 1.4e12, "USD")]
    [InlineData("逾百億美元", 10e9, "USD")]
    [InlineData("3千億美元", 300e9, "USD")]
    [InlineData("8千萬美元", 80e6, "USD")]
    [InlineData("３８０億美元", 38e9, "USD")]
    [InlineData("１．２億美元", 120e6, "USD")]
    [InlineData("新台幣12億元", 1.2e9, "TWD")]
    [InlineData("3,000億新台幣", 300e9, "TWD")]
    [InlineData("500億日圓", 50e9, "JPY")]
    [InlineData("12億歐元", 1.2e9, "EUR")]
    [InlineData("一千二百億美元", 120e9, "USD")]
    [InlineData("1億8千萬美元", 1.8e8, "USD")]
    [InlineData("2億5000萬美元", 2.5e8, "USD")]
    [InlineData("3兆5000億美元", 3.5e12, "USD")]
    public void Parse_ChineseUnits_ReturnValueAndCurrency(string text, double expected, string currency)
    {
        Assert.True(MoneyParser.TryParse(text, out var mention));
        Assert.Equal((decimal)expected, mention.Value);
        Assert.Equal(currency, mention.Currency);
    }

    [Fact]
    public void Parse_ChineseYiUnit_Returns38Billion()
    {
        Assert.True(MoneyParser.TryParse("OpenAI與亞馬遜簽7年合約 總值380億美元", out var mention));
        Assert.Equal(38_000_000_000m, mention.Value);
    }

    [Theory]
    [InlineData("數十億美元")]
    [InlineData("tens of billions of dollars")]
    [InlineData("a multibillion-dollar deal")]
    [InlineData("1.6億股")]
    [InlineData("6 GW")]
    [InlineData("GB300")]
    [InlineData("2026年")]
    public void Parse_NoNumberOrNoMoney_FindsNothing(string text)
    {
        Assert.False(MoneyParser.TryParse(text, out _));
    }

    [Theory]
    [InlineData("OpenAI signs $38 billion, seven-year cloud deal with Amazon Web Services", null, 38e9, "$38 billion")]
    [InlineData("Amazon shares jump 5% after OpenAI signs US$38B AWS deal", null, 38e9, "US$38B")]
    [InlineData("Anthropic deepens AWS ties with $4bn from Amazon and a Trainium commitment", "The new money brings Amazon's total investment in Anthropic to $8 billion.", 4e9, "$4bn")]
    [InlineData("亞馬遜再砸40億美元投資Anthropic AWS成主要訓練夥伴", "亞馬遜對Anthropic的累計投資達80億美元。", 4e9, "40億美元")]
    [InlineData("Broadcom lands OpenAI chip deal", "The deal is separate from the $10 billion of orders the chipmaker disclosed from an unnamed customer.", null, null)]
    [InlineData("AMD soars 24% on OpenAI chips-for-warrants pact", "The agreement to supply 6 GW of AMD processors added roughly $63 billion to AMD's market value in a day.", null, null)]
    [InlineData("Halden Compute signs GPU deal with Ostra Labs", "Ostra will pay $0.01 a share for warrants; the deal covers 1 GW.", null, null)]
    [InlineData("璞玉資料中心與Nscale簽15年租約 出租台南園區200MW", "租約總值約30億美元，首期60MW預計2027年第二季交付。", 3e9, "30億美元")]
    public void Classify_DealStory_PicksTheDealValueNotOtherNumbers(string title, string? summary, double? expectedUsd, string? expectedText)
    {
        var result = ClassifierFixture.Classify(title, summary);
        Assert.True(result.IsComputeDeal);
        Assert.Equal(expectedUsd is null ? null : (decimal)expectedUsd.Value, result.AmountUsd);
        Assert.Equal(expectedText, result.AmountText);
    }

    [Fact]
    public void Classify_TaiwanDollarAmount_ConvertsWithConfiguredRate()
    {
        var options = new ClassificationOptions();
        options.UsdRates["TWD"] = 0.03m;
        var classifier = new LocalDealClassifier(options, Lexicon.Default);
        var result = classifier.Classify(new StoryText("t", "晨光智能向雲峰算力租用GPU 三年合約新台幣12億元", "雲峰算力將提供H200叢集，供晨光智能訓練模型。"));
        Assert.True(result.IsComputeDeal);
        Assert.Equal("TWD", result.Currency);
        Assert.Equal(36_000_000m, result.AmountUsd);
        Assert.Equal("新台幣12億元", result.AmountText);
    }

    /// <summary>One amount written in every supported form reads as the same number of US dollars.</summary>
    [Property(MaxTest = 300)]
    public bool Parse_AmountInAnySupportedForm_GivesSameValue(ushort rawWhole, byte rawTenth, bool inBillions)
    {
        var whole = rawWhole % 999 + 1;
        var tenth = rawTenth % 10;
        var number = whole + tenth / 10m;
        var written = number.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        var scale = inBillions ? 1e9m : 1e6m;
        var expected = number * scale;
        var yi = (expected / 1e8m).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        var unit = inBillions ? "billion" : "million";
        var shortUnit = inBillions ? "bn" : "mn";
        var letter = inBillions ? "B" : "M";
        string[] forms =
        [
            $"${written} {unit}", $"US${written}{shortUnit}", $"${written}{letter}", $"{written} {unit} dollars", $"USD {written} {unit}",
            $"up to ${written} {unit}", $"{yi}億美元", FullWidth($"{yi}億美元"), $"逾{yi}億美元",
        ];
        return forms.All(form => MoneyParser.TryParse(form, out var mention) && mention.Value == expected && mention.Currency == "USD");
    }

    private static string FullWidth(string text) =>
        new(text.Select(c => c is >= '0' and <= '9' or '.' ? (char)(c + 0xFEE0) : c).ToArray());
}
