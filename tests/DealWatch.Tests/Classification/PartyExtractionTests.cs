using DealWatch.Core.Classification;

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

    /// <summary>
    /// A headline in capitals or Title Case is judged on its own words, not on the summary after it: "YR", "DAY", "RESERVATION"
    /// and the "S" of "META'S" are ordinary words there, not companies.
    /// </summary>
    [Theory]
    [InlineData("BRISK LABS SIGNS $400M, 2-YR DEAL FOR GPU CAPACITY WITH NORROW CLOUD", "Brisk will use the capacity to train speech models.", "brisk-labs", "norrow-cloud")]
    [InlineData("WHAT META'S $14B COREWEAVE PACT SAYS ABOUT ITS CLOUD PLANS", "The multiyear commitment came a week after the company raised its spending forecast.", "meta", "coreweave")]
    [InlineData("ORACLE'S BIG DAY: THE $300B OPENAI CONTRACT", "Oracle logged its biggest gain in decades after reporting the contract.", "openai", "oracle")]
    [InlineData("Calder Cloud Wins $900 Million Compute Reservation From Juniper Models", "Juniper will use the capacity for five years.", "juniper-models", "calder-cloud")]
    public void Classify_CapitalisedHeadlineBeforeLowerCaseSummary_FindsOnlyTheCompanies(string title, string summary, string buyer, string provider) =>
        AssertPair(title, summary, buyer, provider, notParty: null);

    /// <summary>The demo's 鉅亨網 story: every clause that names a company outside the deal is in it (regression).</summary>
    [Fact]
    public void Classify_StoryNamingTheProviderItLeaves_ExtractsOnlyTheNewPair()
    {
        var result = ClassifierFixture.Classify(
            "OpenAI棄微軟投AWS 簽下380億美元算力大單",
            "OpenAI 週一宣布與亞馬遜AWS 簽署為期7年、總值380億美元的雲端算力合約，將透過AWS 使用數十萬顆輝達GPU，為其首度與微軟以外的雲端業者簽下大單。",
            "zh-Hant");
        Assert.True(result.IsComputeDeal);
        Assert.Equal("openai", result.Buyer);
        Assert.Equal("amazon", result.Provider);
        Assert.Equal(["openai", "amazon"], result.Parties);
        Assert.Equal(38_000_000_000m, result.AmountUsd);
        Assert.Equal(7, result.DurationYears);
    }

    /// <summary>The subject of 宣布/表示/said is the signing party, however far the time word and the verb push it from 與/with.</summary>
    [Theory]
    [InlineData("雲端市場快訊", "OpenAI 週一宣布與亞馬遜AWS 簽署為期7年、總值380億美元的雲端算力合約。", "openai", "amazon")]
    [InlineData("雲端市場快訊", "OpenAI 週一宣布，已與亞馬遜AWS 簽署為期7年、總值380億美元的雲端算力合約。", "openai", "amazon")]
    [InlineData("雲端市場快訊", "Anthropic 本週二正式宣布與Google雲端簽署為期6年、金額逾百億美元的TPU算力協議。", "anthropic", "google")]
    [InlineData("Meta 今日表示已與甲骨文達成200億美元雲端算力協議", null, "meta", "oracle")]
    [InlineData("Pellam Labs 週四宣布與Orvix Cloud 簽署3年GPU算力合約 金額5億美元", null, "pellam-labs", "orvix-cloud")]
    [InlineData("Cloud deal", "OpenAI said on Monday it had signed a seven-year, $38 billion agreement with Amazon Web Services.", "openai", "amazon")]
    public void Classify_SubjectSeparatedFromTheRelationByTimeAndVerb_IsAParty(string title, string? summary, string buyer, string provider) =>
        AssertPair(title, summary, buyer, provider, notParty: null);

    /// <summary>棄X投Y, "ditches X for Y", "switches from X": X is what the buyer leaves, Y the new provider.</summary>
    [Theory]
    [InlineData("Anthropic棄谷歌投微軟 簽下300億美元Azure算力合約", null, "anthropic", "microsoft", "google")]
    [InlineData("xAI棄甲骨文改投CoreWeave 簽50億美元GPU雲端合約", null, "xai", "coreweave", "oracle")]
    [InlineData("Meta棄谷歌投甲骨文 簽200億美元雲端算力合約", null, "meta", "oracle", "google")]
    [InlineData("Mira Labs棄CoreWeave轉投雲岫算力 簽3億美元GPU合約", null, "mira-labs", "雲岫算力", "coreweave")]
    [InlineData("OpenAI ditches Microsoft for AWS in $38 billion compute deal", null, "openai", "amazon", "microsoft")]
    [InlineData("Anthropic switches from Google to Microsoft in $30 billion Azure compute deal", null, "anthropic", "microsoft", "google")]
    [InlineData("Meta drops Google, signs $10 billion Oracle cloud deal", null, "meta", "oracle", "google")]
    [InlineData("Cloud deal", "OpenAI, which is moving beyond Microsoft, signed a seven-year, $38 billion contract with AWS.", "openai", "amazon", "microsoft")]
    public void Classify_CompanyTheBuyerLeaves_IsNotAParty(string title, string? summary, string buyer, string provider, string notParty) =>
        AssertPair(title, summary, buyer, provider, notParty);

    /// <summary>「與X以外的業者」, "a provider other than X", "apart from X": X is named as the exception.</summary>
    [Theory]
    [InlineData("微軟股價走低", "OpenAI 週一宣布與亞馬遜AWS 簽署為期7年、總值380億美元的雲端算力合約，為其首度與微軟以外的雲端業者簽下大單。", "openai", "amazon", "microsoft")]
    [InlineData("甲骨文以外 Meta與谷歌雲端簽百億美元算力合約", null, "meta", "google", "oracle")]
    [InlineData("Meta簽下谷歌雲端百億美元算力大單", "這是Meta首度與微軟之外的業者簽下算力合約。", "meta", "google", "microsoft")]
    [InlineData("Microsoft shares slip", "OpenAI signed a $38 billion deal with AWS, its first major cloud contract with a provider other than Microsoft.", "openai", "amazon", "microsoft")]
    [InlineData("Meta signs $10 billion Google Cloud deal", "It is Meta's first large cloud contract with a provider apart from Microsoft.", "meta", "google", "microsoft")]
    public void Classify_CompanyNamedAsTheException_IsNotAParty(string title, string? summary, string buyer, string provider, string notParty) =>
        AssertPair(title, summary, buyer, provider, notParty);

    /// <summary>
    /// 「透過AWS使用輝達GPU」, "using Nvidia GPUs through AWS": the provider is the channel, the chipmaker only makes what
    /// runs in it; the verb after a channel, or after a comma as a participle, belongs to the sentence's subject.
    /// </summary>
    [Theory]
    [InlineData("AWS 380億美元算力合約出爐", "OpenAI將透過AWS使用數十萬顆輝達GPU。", "openai", "amazon", "nvidia")]
    [InlineData("OpenAI與AWS簽約", "OpenAI將透過亞馬遜AWS 使用數十萬顆輝達GB200與GB300晶片，合約總值380億美元、為期7年。", "openai", "amazon", "nvidia")]
    [InlineData("Meta簽下谷歌雲端百億美元算力大單", "Meta將透過Google雲端使用TPU與輝達GPU。", "meta", "google", "nvidia")]
    [InlineData("AWS deal", "OpenAI will run its workloads on Nvidia GB200 and GB300 GPUs through Amazon Web Services under a $38 billion, seven-year contract.", "openai", "amazon", "nvidia")]
    [InlineData("AWS deal", "Through AWS, OpenAI will use Nvidia GPUs under a $38 billion, seven-year contract.", "openai", "amazon", "nvidia")]
    [InlineData("Cloud deal", "OpenAI said on Monday it had signed a seven-year, $38 billion agreement with Amazon Web Services, using Nvidia GPUs via AWS rather than Microsoft.", "openai", "amazon", "nvidia")]
    public void Classify_ChipmakerWhoseChipsRunAtTheProvider_IsNotAParty(string title, string? summary, string buyer, string provider, string notParty) =>
        AssertPair(title, summary, buyer, provider, notParty);

    [Theory]
    [InlineData("Halvern Data signs 12-year, $2.1 billion GPU hosting lease with Quillon Cloud", "Microsoft will backstop $900 million of Quillon's lease payments.", "quillon-cloud", "halvern-data", "microsoft")]
    [InlineData("Quillon Cloud向Halvern Data承租120MW 12年租約21億美元 微軟提供擔保", null, "quillon-cloud", "halvern-data", "microsoft")]
    [InlineData("Mistral commits $8 billion to Oracle cloud in deal with Oracle and AMD", null, "mistral", "oracle", "amd")]
    [InlineData("Mistral承諾向甲骨文採購80億美元算力 甲骨文、超微同步入股", null, "mistral", "oracle", "amd")]
    [InlineData("Oracle, AMD to invest up to $3 billion in Mistral, which commits $8 billion to Oracle Cloud", null, "mistral", "oracle", "amd")]
    [InlineData("Corvel Compute signs $2.4bn data centre lease with Zentrix AI, SoftBank guarantees payments", null, "zentrix-ai", "corvel-compute", "softbank")]
    [InlineData("Zentrix AI to lease 150 MW from Corvel Compute", "SoftBank, Zentrix's largest shareholder, has guaranteed the lease payments.", "zentrix-ai", "corvel-compute", "softbank")]
    [InlineData("Zentrix AI與CoreWeave簽5年AI機房租約 聯翔集團提供履約保證", "由母公司聯翔集團提供履約保證，合約金額約2億美元。", "zentrix-ai", "coreweave", "聯翔集團")]
    [InlineData("Zentrix AI signs $3bn compute deal with Corvel Cloud co-funded by SoftBank", null, "zentrix-ai", "corvel-cloud", "softbank")]
    [InlineData("Zentrix AI向曦光資料中心承租150MW 8年租約19億美元 軟銀提供擔保", "軟銀將為Zentrix AI的租賃義務提供擔保。", "zentrix-ai", "曦光資料中心", "softbank")]
    public void Classify_GuarantorOrCoInvestor_IsListedAfterBuyerAndProvider(string title, string? summary, string buyer, string provider, string third)
    {
        var result = ClassifierFixture.Classify(title, summary);
        Assert.True(result.IsComputeDeal, $"confidence {result.Confidence}");
        Assert.Equal(buyer, result.Buyer);
        Assert.Equal(provider, result.Provider);
        Assert.Equal([buyer, provider, third], result.Parties);
    }

    [Theory]
    [InlineData("OpenAI signs $38 billion, seven-year cloud deal with AWS; Microsoft and Oracle shares fall", null, "openai", "amazon", "microsoft")]
    [InlineData("OpenAI與AWS簽380億美元算力合約 AWS、微軟股價走揚", null, "openai", "amazon", "microsoft")]
    [InlineData("OpenAI, backed by Microsoft, signs $38 billion compute deal with AWS", null, "openai", "amazon", "microsoft")]
    [InlineData("OpenAI signs $38 billion compute deal with AWS", "AWS and Nvidia GPUs will power the clusters.", "openai", "amazon", "nvidia")]
    [InlineData("AWS will provide guaranteed capacity to OpenAI under $38 billion deal", "Microsoft was not part of the agreement.", "openai", "amazon", "microsoft")]
    public void Classify_CompanyListedBesideAPartyButNotInTheDeal_IsNotAParty(string title, string? summary, string buyer, string provider, string notParty) =>
        AssertPair(title, summary, buyer, provider, notParty);

    [Theory]
    [InlineData("雲築科技獲Nimbus Labs３年ＧＰＵ算力訂單 金額１．２億美元", "nimbus-labs", "雲築科技")]
    [InlineData("Ｎｉｍｂｕｓ　Ｌａｂｓ向雲築科技採購ＧＰＵ算力 金額１．２億美元", "nimbus-labs", "雲築科技")]
    public void Classify_FullWidthNumberAfterAName_IsNotPartOfTheName(string title, string buyer, string provider) =>
        AssertPair(title, null, buyer, provider, null);

    [Theory]
    [InlineData("曦光算力向輝達採購５萬顆Blackwell Ultra 總額約２５億美元", "曦光算力將購入５萬顆Blackwell Ultra GPU。", "曦光算力", "nvidia")]
    [InlineData("Anthropic commits $4.2bn to Corvel Grid GPU cloud in five-year deal", null, "anthropic", "corvel-grid")]
    [InlineData("Zentrix Cloud Buys 20,000 Blackwell Ultra GPUs From Nvidia In $1.2 Billion Deal", null, "zentrix-cloud", "nvidia")]
    [InlineData("中華電信出租板橋AI機房40MW予美國新創Zentrix AI 為期7年", "合約總金額約3億美元。", "zentrix-ai", "chunghwa-telecom")]
    [InlineData("群峰智算向超微採購MI455X加速器 總額12億美元", null, "群峰智算", "amd")]
    [InlineData("300 MW of Redcliff's Indiana campus taken by Microsoft under 12-year leases", "Redcliff Data Centers said the leases carry about $5 billion of rent.", "microsoft", "redcliff-data-centers")]
    [InlineData("OpenAI攜手Google雲端 簽5年TPU算力合約 規模上看200億美元", "OpenAI已與谷歌完成簽約，將在Google雲端租用TPU，合約為OpenAI首度大規模採用TPU。", "openai", "google")]
    [InlineData("Nebius股價勁揚10% xAI簽下3年30億美元GPU雲端合約", "Nebius宣布，xAI將租用其新機房的輝達GB300算力。", "xai", "nebius")]
    [InlineData("$2 billion of Cerebras wafer-scale systems headed to Wenlock Labs' Texas data hall", "Wenlock Labs agreed to buy CS-4 machines from Cerebras over three years.", "wenlock-labs", "cerebras")]
    [InlineData("港企嵐川科技斥資逾30億美元 向輝達訂購Vera Rubin系統", "嵐川科技公告，所購系統將部署於新建資料中心。", "嵐川科技", "nvidia")]
    [InlineData("OpenAI攜手海瀾數據 預租台灣200MW AI資料中心8年", "海瀾數據公告與OpenAI簽訂為期8年的資料中心租約。", "openai", "海瀾數據")]
    public void Classify_ProductNamesAndTaiwaneseTelcos_AreReadRight(string title, string? summary, string buyer, string provider) =>
        AssertPair(title, summary, buyer, provider, null);

    [Fact]
    public void Classify_ChineseLabName_IsFoundByItsSuffix() =>
        AssertPair("谷歌與曦光實驗室簽約 供應逾1吉瓦TPU算力", "曦光實驗室將取得最多50萬顆TPU。", "曦光實驗室", "google", null);

    [Theory]
    [InlineData("曦光雲端獲Zentrix AI訂單 出租200MW AI資料中心 為期8年", "雙方簽訂AI資料中心租賃合約，總值約15億美元。", DealTypes.DatacenterLease)]
    [InlineData("Zentrix AI agrees US$450 million lease of 8,192 H200 GPUs from Corvel Cloud", "The dedicated cluster runs in Corvel's Virginia data centre for two years.", DealTypes.CloudCapacity)]
    [InlineData("AMD to supply Zentrix AI with 1 gigawatt of GPUs in $6 billion deal", null, DealTypes.ChipSupply)]
    [InlineData("Driftwood Cloud to run Emberly AI's models in exchange for a cut of API revenue", "Driftwood will provide dedicated GPU capacity for three years, worth about $200 million.", DealTypes.Other)]
    [InlineData("Wenlock Labs trades a slice of API revenue for Emberline Cloud compute in three-year deal", "Emberline will provide dedicated GPU capacity valued at $150 million and take 8% of revenue instead of equity.", DealTypes.Other)]
    [InlineData("以算力換營收分成 遠傳攜手禾風智能", "遠傳將在五年內提供禾風智能價值約1億美元的GPU算力，禾風則以API營收的10%作為對價。", DealTypes.Other)]
    [InlineData("Quenby Labs takes $600 million in chips, not cash, from Tarn Semiconductor", "Tarn will ship its accelerators to Quenby over three years and receive preferred shares in return.", DealTypes.ComputeForEquity)]
    public void Classify_DealType_FollowsWhatIsLeasedOrSupplied(string title, string? summary, string dealType)
    {
        var result = ClassifierFixture.Classify(title, summary);
        Assert.True(result.IsComputeDeal, $"confidence {result.Confidence}");
        Assert.Equal(dealType, result.DealType);
    }

    private static void AssertPair(string title, string? summary, string buyer, string provider, string? notParty)
    {
        var result = ClassifierFixture.Classify(title, summary);
        Assert.True(result.IsComputeDeal, $"confidence {result.Confidence}");
        Assert.Equal(buyer, result.Buyer);
        Assert.Equal(provider, result.Provider);
        Assert.Equal([buyer, provider], result.Parties);
        if (notParty is not null) Assert.DoesNotContain(notParty, result.Parties);
    }

    [Theory]
    [InlineData("OpenAI signs $38 billion, seven-year cloud deal with Amazon Web Services", null, 7d, null)]
    [InlineData("CoreWeave向Applied Digital承租250MW資料中心 15年租約約70億美元", null, 15d, 0.25)]
    [InlineData("OpenAI taps Broadcom to build 10 gigawatts of custom AI accelerators", null, null, 10d)]
    [InlineData("博通攜手OpenAI 部署10吉瓦客製化AI加速器", null, null, 10d)]
    [InlineData("Kestrel Compute獲Corvane AI 15億美元算力訂單 為期五年", null, 5d, null)]
    [InlineData("Everbright AI taps Google Cloud for 18-month TPU reservation worth US$500 million", null, 1.5d, null)]
    [InlineData("Everbright AI向谷歌雲端預訂TPU算力 為期18個月 金額5億美元", null, 1.5d, null)]
    [InlineData("Everbright AI向谷歌雲端預訂TPU算力 金額5億美元", "雙方18個月前曾洽談合作。", null, null)]
    public void Classify_DurationAndCapacity_ReadFromBothLanguages(string title, string? summary, double? years, double? gigawatts)
    {
        var result = ClassifierFixture.Classify(title, summary);
        Assert.Equal(years, result.DurationYears);
        Assert.Equal(gigawatts, result.CapacityGw);
    }
}
