namespace DealWatch.Tests.Classification;

public sealed class PartyExtractionTests
{
    [Theory]
    [InlineData("OpenAI signs $38 billion, seven-year cloud deal with Amazon Web Services", null, "openai", "amazon")]
    [InlineData("OpenAI與亞馬遜簽7年合約 總值380億美元", "OpenAI宣布與AWS建立多年期策略合作，即日起開始使用AWS運算資源。", "openai", "amazon")]
    [InlineData("甲骨文獲OpenAI 3000億美元算力合約 為期約5年", null, "openai", "oracle")]
    [InlineData("微軟與Lambda簽數十億美元協議 部署數萬顆輝達GPU", "GPU雲端業者Lambda宣布與微軟達成多年期合作。", "microsoft", "lambda")]
    [InlineData("AMD to supply OpenAI with 6 gigawatts of GPUs, grants warrant for up to 160 million shares", null, "openai", "amd")]
    [InlineData("Applied Digital signs 15-year leases with CoreWeave worth about $7 billion", "CoreWeave will take 250 MW of critical IT load at Applied Digital's campus.", "coreweave", "applied-digital")]
    [InlineData("Nvidia gains as OpenAI-AWS deal signals more GB300 orders", "AWS will build clusters of Nvidia GB200 and GB300 systems for OpenAI under the $38 billion agreement.", "openai", "amazon")]
    [InlineData("Meta向谷歌租算力 合約逾百億美元", "Meta與Google Cloud達成六年期雲端協議。", "meta", "google")]
    public void Classify_KnownOrganisations_MapsAliasesAndRoles(string title, string? summary, string buyer, string provider)
    {
        var result = ClassifierFixture.Classify(title, summary);
        Assert.True(result.IsComputeDeal);
        Assert.Equal(buyer, result.Buyer);
        Assert.Equal(provider, result.Provider);
        Assert.Equal([buyer, provider], result.Parties);
    }

    [Theory]
    [InlineData("Halden Compute signs $2B GPU deal with Ostra Labs", null, "ostra-labs", "halden-compute")]
    [InlineData("Pemberline AI to buy $1.2 billion of GPU capacity from Quarrow Cloud", null, "pemberline-ai", "quarrow-cloud")]
    [InlineData("Vexa Silicon will supply 500 MW of accelerators to Tolland Robotics", "Tolland will deploy the chips from 2027.", "tolland-robotics", "vexa-silicon")]
    [InlineData("Brisk Labs leases 80 MW from Norrow Data Centers in 10-year deal", null, "brisk-labs", "norrow-data-centers")]
    [InlineData("Calder Cloud wins $900 million compute reservation from Juniper Models", null, "juniper-models", "calder-cloud")]
    [InlineData("雲岫算力獲Mira Labs三年GPU訂單 金額3億美元", "Mira Labs將在雲岫算力的GPU叢集上訓練模型。", "mira-labs", "雲岫算力")]
    [InlineData("晨光智能向曜石晶片採購2萬顆AI加速器 金額4億美元", null, "晨光智能", "曜石晶片")]
    [InlineData("Tessel Robotics與北極星資料中心簽10年租約 容量200MW", "Tessel Robotics將承租北極星位於台南的新園區。", "tessel-robotics", "北極星資料中心")]
    [InlineData("Zephyr AI Signs $3B Compute Deal With Arclight Cloud", null, "zephyr-ai", "arclight-cloud")]
    [InlineData("Arclight Cloud to rent 20,000 GPUs to Zephyr AI in $1bn deal", null, "zephyr-ai", "arclight-cloud")]
    [InlineData("Orvix signs GPU capacity contract with Pellam", "Pellam will train models on Orvix clusters.", "pellam", "orvix")]
    [InlineData("AI chip startup Etched signs $5 billion supply pact with Vantage Compute", "Vantage Compute will buy Etched's accelerators for its inference cloud.", "vantage-compute", "etched")]
    public void Classify_UnknownOrganisations_NamesThemFromSentenceStructure(string title, string? summary, string buyer, string provider)
    {
        var result = ClassifierFixture.Classify(title, summary);
        Assert.True(result.IsComputeDeal);
        Assert.Equal(buyer, result.Buyer);
        Assert.Equal(provider, result.Provider);
        Assert.Equal(2, result.Parties.Distinct().Count());
    }

    [Fact]
    public void Classify_ShortFormInSummary_MergesWithFullName()
    {
        var result = ClassifierFixture.Classify(
            "Greyhawk Cloud orders 40,000 inference chips from Ferrix in $1.1B deal",
            "The neocloud agreed to buy Ferrix Semiconductor's accelerators, with deliveries next quarter.");
        Assert.Equal("greyhawk-cloud", result.Buyer);
        Assert.Equal("ferrix-semiconductor", result.Provider);
    }

    [Theory]
    [InlineData("Google Cloud signs $4 billion AI compute deal with Anthropic rival Cohere", "cohere", "google", "anthropic")]
    [InlineData("Nvidia-backed Lambda signs multibillion-dollar GPU deal with Microsoft", "microsoft", "lambda", "nvidia")]
    public void Classify_CompanyThatOnlyDescribesAParty_IsNotAParty(string title, string buyer, string provider, string notParty)
    {
        var result = ClassifierFixture.Classify(title);
        Assert.Equal(buyer, result.Buyer);
        Assert.Equal(provider, result.Provider);
        Assert.DoesNotContain(notParty, result.Parties);
    }

    [Fact]
    public void Classify_CompanyNamedAsWhatTheDealMovesAwayFrom_IsNotAParty()
    {
        var result = ClassifierFixture.Classify(
            "CoreWeave lands OpenAI ahead of IPO in $11.9B deal",
            "The five-year contract helps CoreWeave reduce its dependence on Microsoft.");
        Assert.DoesNotContain("microsoft", result.Parties);
        Assert.Equal(5, result.DurationYears);
    }

    [Theory]
    [InlineData("OpenAI signs $38 billion, seven-year cloud deal with Amazon Web Services", null, 7d, null)]
    [InlineData("CoreWeave向Applied Digital承租250MW資料中心 15年租約約70億美元", null, 15d, 0.25)]
    [InlineData("OpenAI taps Broadcom to build 10 gigawatts of custom AI accelerators", null, null, 10d)]
    [InlineData("博通攜手OpenAI 部署10吉瓦客製化AI加速器", null, null, 10d)]
    [InlineData("Kestrel Compute獲Corvane AI 15億美元算力訂單 為期五年", null, 5d, null)]
    public void Classify_DurationAndCapacity_ReadFromBothLanguages(string title, string? summary, double? years, double? gigawatts)
    {
        var result = ClassifierFixture.Classify(title, summary);
        Assert.Equal(years, result.DurationYears);
        Assert.Equal(gigawatts, result.CapacityGw);
    }
}
