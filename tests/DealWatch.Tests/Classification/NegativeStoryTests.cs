using DealWatch.Core.Classification;

namespace DealWatch.Tests.Classification;

public sealed class NegativeStoryTests
{
    [Theory]
    [InlineData("OpenAI closes $40 billion funding round led by SoftBank at $300 billion valuation", "The financing will be paid in stages.")]
    [InlineData("Nvidia guides to $65 billion as Huang says cloud GPUs are sold out", "Third-quarter revenue hit a record $57 billion.")]
    [InlineData("Microsoft to spend $80 billion on AI-enabled data centres this fiscal year", "More than half of the investment will be made in the United States.")]
    [InlineData("Nasdaq slides 2% as investors dump AI chip stocks", "Nvidia, Broadcom and AMD fell more than 3% each.")]
    [InlineData("Meta signs 20-year deal for output of Constellation's Clinton nuclear plant", "The power purchase agreement starts in 2027.")]
    [InlineData("Apple brings ChatGPT into Siri through OpenAI partnership", "Financial terms were not disclosed.")]
    [InlineData("AMD pays $4.9 billion for ZT Systems in push into rack-scale AI servers", "The cash-and-stock acquisition brings in 1,000 engineers.")]
    [InlineData("Authors sue Anthropic over books used to train Claude", "The class action seeks damages.")]
    [InlineData("Anthropic in early talks with Google over cloud deal worth tens of billions", "Nothing had been finalized, Bloomberg reported.")]
    [InlineData("Foxconn and OpenAI team up on US-built AI data-centre hardware, with no purchase commitment", "The preliminary agreement carries no financial obligations.")]
    [InlineData("CoreWeave buys Core Scientific in $9 billion all-stock deal", "The data-centre operator's shareholders will receive CoreWeave stock.")]
    [InlineData("Nvidia invests $2 billion in xAI as part of $20 billion raise", "The funding round also includes debt.")]
    [InlineData("Zentrix AI in talks to lease up to 2 GW from Corvel Compute, no deal yet", "The talks could still fall apart and no terms have been agreed, people familiar with the matter said.")]
    [InlineData("Corvel Compute signs 15-year, 400 MW nuclear power deal with Constellation", "Corvel agreed to buy the plant's output for its Texas AI campus; it has not named a tenant.")]
    [InlineData("Zentrix AI names former AWS executive as CEO", "The new chief executive ran AWS's compute business; Zentrix signed a capacity agreement with a large cloud last year.")]
    [InlineData("Corvel Data Centers signs 1 GW nuclear power deal for Texas AI campus", "Corvel agreed a 20-year power purchase agreement with Helix Fission for electricity from small modular reactors; it values the campus at $5bn.")]
    [InlineData("Cobaltline signs 15-year deal for 800 MW of gas-fired power at Nevada AI campus", "Redmesa Energy will build and run on-site turbines under the power supply agreement.")]
    [InlineData("Oracle to resell Quenby AI's models on OCI under distribution pact", "Customers buy the models through Oracle's console; Quenby is not buying any capacity from Oracle under the agreement.")]
    [InlineData("CoreWeave names former Google cloud executive as president", "She ran capacity planning for Google's largest GPU customers and will oversee data-centre delivery.")]
    [InlineData("Microsoft denies report that OpenAI has agreed to a $25bn capacity expansion", "A spokesperson called the report inaccurate and said no new agreement had been signed.")]
    [InlineData("Granite Cloud sues Saltwater AI for walking away from $400 million GPU contract", "The complaint says Saltwater terminated a three-year capacity agreement signed in 2025 and seeks damages.")]
    [InlineData("Google's head of AI data-centre leasing leaves to become Nscale COO", "She oversaw many of Google Cloud's colocation agreements; Nscale said she starts in October.")]
    [InlineData("Groq denies report it agreed $2 billion chip deal with Wenlock AI", "Groq said it had no agreement of any kind with the start-up.")]
    [InlineData("Nscale and Wenlock AI sign non-binding MoU to explore 200 MW cluster in Spain", "Any binding agreement would depend on financing and a grid connection.")]
    public void Classify_EnglishHardNegative_IsNotADeal(string title, string summary)
    {
        var result = ClassifierFixture.Classify(title, summary);
        Assert.False(result.IsComputeDeal, $"confidence {result.Confidence}");
        Assert.Null(result.DealType);
        Assert.Empty(result.Parties);
    }

    [Theory]
    [InlineData("Claude開發商估值跳升至1830億美元 Anthropic募得130億美元", "這輪F輪募資由ICONIQ主導。")]
    [InlineData("輝達本季財測650億美元優於預期 黃仁勳：雲端GPU已售罄", "上季營收570億美元創新高。")]
    [InlineData("Meta上調今年資本支出至700億至720億美元 盤後股價重挫", "Meta表示明年資本支出將明顯增加。")]
    [InlineData("台股加權指數重挫逾500點 AI概念股全面走弱", "台積電下跌30元。")]
    [InlineData("微軟簽20年購電協議 三哩島核電機組將重啟", "所發電力供應微軟資料中心。")]
    [InlineData("超微砸49億美元買下ZT Systems 搶攻AI機櫃整合", "交易以現金加股票支付。")]
    [InlineData("美法官初步核准Anthropic 15億美元版權和解案", "Anthropic將為每本盜版書支付約3000美元。")]
    [InlineData("傳Meta洽談斥資數十億美元採用谷歌TPU 輝達盤後走低", "雙方仍在談判。")]
    [InlineData("美國公布AI晶片出口管制新框架 台灣列第一級", "多數國家面臨先進GPU採購上限。")]
    [InlineData("傳OpenAI洽租曦光算力1吉瓦機房 雙方未證實", "市場傳出雙方洽談租用AI資料中心，潛在合約金額上看80億美元；知情人士稱尚未就條款達成共識。")]
    [InlineData("曦光算力與台電簽15年綠電合約 鎖定300MW再生能源", "綠電將供應其AI資料中心園區用電。")]
    [InlineData("谷歌與核能業者簽1.5吉瓦購電協議 供應AI資料中心", "谷歌與Helix Atomics簽署為期20年的電力購售協議（PPA），取得無碳電力供應其AI資料中心。")]
    [InlineData("傳Meta洽談向廣達租用AI算力 規模恐達50億美元", "據外電引述知情人士報導，雙方尚未達成協議，條款仍在協商中；廣達回應不評論市場傳聞。")]
    [InlineData("輝達資料中心GPU事業主管跳槽OpenAI 出任算力基礎設施主管", "OpenAI證實延攬該名主管，將負責統籌多家供應商的算力規劃。")]
    [InlineData("遠傳攜手Google 資費方案內建Gemini進階版", "遠傳用戶申辦方案即可使用Gemini進階功能，雙方為通路合作，未涉及雲端算力採購。")]
    public void Classify_ChineseHardNegative_IsNotADeal(string title, string summary)
    {
        var result = ClassifierFixture.Classify(title, summary);
        Assert.False(result.IsComputeDeal, $"confidence {result.Confidence}");
    }

    /// <summary>The first gate: no word of compute, of a deal or of supply, so nothing is extracted and the score stays under the bias.</summary>
    [Theory]
    [InlineData("Dow falls 570 points as bank shares slide; Nasdaq drops 1.1%", "The Dow Jones Industrial Average fell 1.2% on Monday.", "en")]
    [InlineData("Fed holds rates steady, signals patience on cuts", "Powell said inflation was still above the 2% target.", "en")]
    [InlineData("Oil climbs 3% as Opec+ extends output curbs", null, "en")]
    [InlineData("Nvidia sheds $589 billion in market value as DeepSeek jolts AI stocks", null, "en")]
    [InlineData("Microsoft names new head of its gaming unit", "Phil Spencer will retire at the end of the year.", "en")]
    [InlineData("美股盤後：道瓊重挫逾570點 那指跌1.1%", "美股週一收黑，道瓊工業指數下跌1.2%。", "zh-Hant")]
    [InlineData("央行理監事會維持利率不變", "總裁表示通膨仍高於目標。", "zh-Hant")]
    [InlineData("台指期夜盤大漲155點 AI概念股盤後走強", null, "zh-Hant")]
    public void Classify_StoryWithoutComputeDealOrSupplyWords_IsNotADealWithLowConfidence(string title, string? summary, string language)
    {
        var analysis = ClassifierFixture.Local.Analyse(new StoryText("t", title, summary, language));
        Assert.False(analysis.Result.IsComputeDeal);
        Assert.True(analysis.Result.Confidence < 0.02, $"confidence {analysis.Result.Confidence}");
        Assert.Empty(analysis.Result.Parties);
        Assert.Null(analysis.Result.AmountUsd);
        Assert.Equal(0, analysis.Features["twoParties"]);
        Assert.Equal(0, analysis.Features["amount"]);
    }

    /// <summary>Deals written without a compute word still pass the gate on their deal or supply words.</summary>
    [Theory]
    [InlineData("OpenAI signs $38 billion deal with Amazon")]
    [InlineData("CoreWeave lands OpenAI for $11.9 billion over five years")]
    [InlineData("甲骨文拿下OpenAI 3000億美元大單")]
    [InlineData("Anthropic taps Google for up to one million TPUs")]
    public void Classify_DealWithoutComputeWord_PassesTheGate(string title)
    {
        var result = ClassifierFixture.Classify(title);
        Assert.True(result.IsComputeDeal, $"confidence {result.Confidence}");
        Assert.Equal(2, result.Parties.Count);
    }

    [Theory]
    [InlineData("Amazon shares jump 5% after OpenAI signs US$38B AWS deal", null)]
    [InlineData("亞馬遜拿下OpenAI 380億美元雲端訂單 股價盤中漲約5%改寫新高", null)]
    [InlineData("Broadcom closes up 9.9% after OpenAI custom-chip deal", "The companies agreed to roll out 10 GW of OpenAI-designed accelerators.")]
    public void Classify_MarketMoveCausedByADeal_IsADeal(string title, string? summary)
    {
        var result = ClassifierFixture.Classify(title, summary);
        Assert.True(result.IsComputeDeal, $"confidence {result.Confidence}");
    }

    [Theory]
    [InlineData("OpenAI signs $38 billion cloud deal with AWS", null, "en")]
    [InlineData("OpenAI與亞馬遜簽7年合約 總值380億美元", null, "zh-Hant")]
    [InlineData("OpenAI与亚马逊签7年合约 总值380亿美元", null, "zh-Hans")]
    public void Classify_NoDeclaredLanguage_DetectsIt(string title, string? summary, string language)
    {
        Assert.Equal(language, ClassifierFixture.Classify(title, summary).Language);
    }
}
