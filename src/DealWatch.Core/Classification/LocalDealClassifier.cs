using Microsoft.Extensions.Options;

namespace DealWatch.Core.Classification;

/// <summary>
/// The local classifier: scans the story once against the lexicon, reads amounts, durations and capacities, finds the
/// organisations and the roles the sentence gives them, and scores the features with a linear model calibrated to a probability.
/// Pure and thread-safe.
/// </summary>
internal sealed class LocalDealClassifier
{
    private static readonly Cue[] FeatureCues = Enum.GetValues<Cue>();
    private static readonly string[] FeatureNames = FeatureCues.Select(FeatureName).ToArray();

    /// <summary>Features of the story's structure (not word counts), in the order <see cref="Analyse"/> computes them.</summary>
    private static readonly string[] StructureFeatures =
        ["twoParties", "noParty", "tie", "amount", "amountLinked", "computeProvider", "duration", "capacity", "chipmakerBuyer", "chipmakerProvider", "rumourUnagreed", "companyBought", "energyParty"];
    private readonly Lexicon _lexicon;
    private readonly ClassificationOptions _options;
    private readonly Dictionary<string, decimal> _rates;
    private readonly ScoringModel _model;
    private readonly double[] _cueWeights;
    private readonly double[] _cueCaps;
    private readonly double[] _structureWeights;
    private readonly double[] _structureCaps;
    private readonly double _typeEquityThreshold;

    public LocalDealClassifier(IOptions<ClassificationOptions> options)
        : this(options.Value, Lexicon.Default)
    {
    }

    internal LocalDealClassifier(ClassificationOptions options, Lexicon lexicon)
    {
        _options = options;
        _lexicon = lexicon;
        _model = lexicon.Model;
        _rates = new Dictionary<string, decimal>(options.UsdRates, StringComparer.OrdinalIgnoreCase);
        _cueWeights = new double[FeatureCues.Length];
        _cueCaps = new double[FeatureCues.Length];
        foreach (var cue in FeatureCues)
        {
            var name = FeatureNames[(int)cue];
            _cueWeights[(int)cue] = _model.Weights.GetValueOrDefault(name);
            _cueCaps[(int)cue] = _model.Caps.GetValueOrDefault(name, 2.0);
        }
        _structureWeights = StructureFeatures.Select(f => _model.Weights.GetValueOrDefault(f)).ToArray();
        _structureCaps = StructureFeatures.Select(f => _model.Caps.GetValueOrDefault(f, double.MaxValue)).ToArray();
        _typeEquityThreshold = _model.Weights.GetValueOrDefault("typeEquityThreshold", 1.0);
    }

    /// <summary>Classifies a story; <paramref name="extraOrganisations"/> are spans (in title + '\n' + summary) that an outside service found to be organisations.</summary>
    public DealClassification Classify(StoryText story, IReadOnlyList<(int Start, int End)>? extraOrganisations = null) =>
        Run(story, extraOrganisations, features: null).Result;

    /// <summary>The classification with its score and, when asked, every feature value (for evaluation and debugging).</summary>
    internal StoryAnalysis Analyse(StoryText story, IReadOnlyList<(int Start, int End)>? extraOrganisations = null, bool withFeatures = true)
    {
        var features = withFeatures ? new Dictionary<string, double>(FeatureCues.Length + StructureFeatures.Length, StringComparer.Ordinal) : null;
        var (result, score) = Run(story, extraOrganisations, features);
        return new StoryAnalysis(result, score, features ?? (IReadOnlyDictionary<string, double>)new Dictionary<string, double>());
    }

    private (DealClassification Result, double Score) Run(StoryText story, IReadOnlyList<(int Start, int End)>? extraOrganisations, Dictionary<string, double>? features)
    {
        ArgumentNullException.ThrowIfNull(story);
        var document = StoryDocument.Create(story.Title ?? "", story.Summary);
        var scratch = t_scratch ??= new Scratch();
        scratch.Hits.Clear();
        var hits = _lexicon.Scan(document, scratch.Hits);
        if (extraOrganisations is null && !HasDealEvidence(hits)) return ScoreWithoutEvidence(story, document, hits, features);

        var mentions = OrganisationFinder.Find(document, hits, _lexicon, extraOrganisations, scratch.Mentions);
        CoPartyFinder.MarkBackers(document, mentions);
        Span<double> cues = stackalloc double[FeatureCues.Length];
        foreach (var hit in hits)
        {
            // Words of a name ("Vantage Compute", "Brightwater GPU Cloud") say nothing about the deal.
            if (InsideUnknownName(mentions, hit)) continue;
            var zone = document.InTitle(hit.Start) ? 1.0 : 0.6;
            foreach (var (cue, weight) in hit.Term.Cues)
            {
                // "no terms have been agreed", "尚未簽約": a denied agreement says the deal is not done.
                var counted = cue is Cue.Agreed or Cue.DealVerb && IsNegated(document, hit.Start, NegationWords) ? Cue.Rumour : cue;
                // "revenue instead of equity", "不涉及股權": no equity in the deal.
                if (cue == Cue.Equity && IsNegated(document, hit.Start, EquityNegationWords)) continue;
                cues[(int)counted] += weight * zone;
            }
        }

        var money = MoneyParser.Find(document, scratch.Money);
        var amount = SelectDealAmount(document, hits, money);
        var duration = QuantityParser.FindDurationYears(document, hits);
        var capacity = QuantityParser.FindCapacityGw(document);
        var parties = PartyResolver.Resolve(document, hits, mentions, _lexicon);

        var score = ScoreCues(cues, features);
        var twoParties = parties.Buyer is not null && parties.Provider is not null;
        Span<double> values =
        [
            twoParties ? 1 : 0,
            parties.Organisations == 0 ? 1 : 0,
            twoParties ? parties.Evidence : 0,
            amount is null ? 0 : 1,
            amount is { Linked: true } ? 1 : 0,
            twoParties && IsComputeSupplier(parties.ProviderTier) && parties.BuyerTier is not (Tier.Chipmaker or Tier.Investor or Tier.Energy)
                && parties.BuyerTier.SupplyRank() < parties.ProviderTier.SupplyRank() ? 1 : 0,
            duration is null ? 0 : 1,
            capacity is null ? 0 : 1,
            twoParties && parties.BuyerTier == Tier.Chipmaker ? 1 : 0,
            twoParties && parties.ProviderTier == Tier.Chipmaker && cues[(int)Cue.Chip] > 0 ? 1 : 0,
            cues[(int)Cue.Rumour] > 0 && cues[(int)Cue.Agreed] == 0 ? 1 : 0,
            CompanyBought(document, hits, mentions) ? 1 : 0,
            // A power company on either side, or named beside energy words: electricity for a campus, not compute
            // (a nuclear plant's output, a wind farm's PPA, "Blackmesa Energy will build on-site turbines").
            (twoParties && (parties.BuyerTier == Tier.Energy || parties.ProviderTier == Tier.Energy))
                || (cues[(int)Cue.Energy] >= 1 && NamesAnEnergyCompany(mentions)) ? 1 : 0,
        ];
        for (var f = 0; f < values.Length; f++)
        {
            var value = Math.Min(values[f], _structureCaps[f]);
            features?.Add(StructureFeatures[f], value);
            score += value * _structureWeights[f];
        }

        var confidence = Calibrate(score);
        var isDeal = confidence >= _options.DealThreshold;
        var language = DetectLanguage(story, document);
        var result = isDeal
            ? new DealClassification
            {
                Id = story.Id,
                IsComputeDeal = true,
                Confidence = confidence,
                DealType = DealTypeOf(cues, parties),
                Buyer = parties.Buyer,
                Provider = parties.Provider,
                Parties = PartiesOf(parties, document, hits, mentions),
                AmountUsd = amount?.Usd,
                AmountText = amount is { } a ? AmountTextOf(document, a.Mention) : null,
                Currency = amount?.Mention.Currency,
                DurationYears = duration,
                CapacityGw = capacity,
                Language = language,
            }
            : new DealClassification
            {
                Id = story.Id,
                IsComputeDeal = false,
                Confidence = confidence,
                Language = language,
            };
        return (result, score);
    }

    private static readonly string[] NegationWords = ["no", "not", "never", "yet", "nothing", "n't", "neither", "nor", "denies", "denied", "deny"];

    private static readonly string[] EquityNegationWords = [.. NegationWords, "instead", "rather", "without"];

    /// <summary>
    /// True when a negation stands shortly before <paramref name="start"/> in the same clause: "no terms have been agreed",
    /// "has not signed", "yet to sign", "denies report it agreed"; in Chinese 未, 沒有, 不會, 無法, 未涉及 or 不涉及 right before
    /// the word ("尚未簽約", "未簽署", "不涉及股權").
    /// </summary>
    private static bool IsNegated(StoryDocument document, int start, string[] negationWords)
    {
        var lower = document.Lower;
        if (start > 0 && StoryDocument.IsCjk(lower[start - 1]))
        {
            var before = lower.AsSpan(0, start);
            return before.EndsWith("未", StringComparison.Ordinal) || before.EndsWith("沒有", StringComparison.Ordinal)
                || before.EndsWith("不會", StringComparison.Ordinal) || before.EndsWith("無法", StringComparison.Ordinal)
                || before.EndsWith("未涉及", StringComparison.Ordinal) || before.EndsWith("不涉及", StringComparison.Ordinal);
        }
        var clauseStart = start;
        while (clauseStart > 0 && start - clauseStart < 32 && lower[clauseStart - 1] is not (',' or ';' or '.' or '\n' or ':')) clauseStart--;
        var clause = lower.AsSpan(clauseStart, start - clauseStart);
        foreach (var range in clause.SplitAny(" -"))
        {
            var word = clause[range];
            foreach (var negation in negationWords)
            {
                if (word.SequenceEqual(negation) || (negation == "n't" && word.EndsWith(negation, StringComparison.Ordinal))) return true;
            }
        }
        return false;
    }

    /// <summary>The model's bias plus each cue sum, capped, times its weight; each capped value is also a feature when asked.</summary>
    private double ScoreCues(ReadOnlySpan<double> cues, Dictionary<string, double>? features)
    {
        var score = _model.Bias;
        foreach (var cue in FeatureCues)
        {
            var value = Math.Min(cues[(int)cue], _cueCaps[(int)cue]);
            features?.Add(FeatureNames[(int)cue], value);
            score += value * _cueWeights[(int)cue];
        }
        return score;
    }

    /// <summary>The score as a probability (Platt scaling), to four places.</summary>
    private double Calibrate(double score) =>
        Math.Round(1.0 / (1.0 + Math.Exp(-(_model.CalibrationSlope * score + _model.CalibrationIntercept))), 4);

    private static bool HasDealEvidence(List<TermHit> hits)
    {
        foreach (var hit in hits)
        {
            if ((hit.Term.Flags & TermFlags.DealEvidence) != 0) return true;
        }
        return false;
    }

    /// <summary>
    /// The cheap first gate: a story with no word of compute, of a deal or of supply (most news) cannot report a compute deal,
    /// so organisations, amounts, durations and parties are not looked for. It is scored on its cues alone (every structure
    /// feature zero), which keeps its confidence below the model's bias: about 0.02 or less.
    /// </summary>
    private (DealClassification Result, double Score) ScoreWithoutEvidence(StoryText story, StoryDocument document, List<TermHit> hits, Dictionary<string, double>? features)
    {
        Span<double> cues = stackalloc double[FeatureCues.Length];
        foreach (var hit in hits)
        {
            var zone = document.InTitle(hit.Start) ? 1.0 : 0.6;
            foreach (var (cue, weight) in hit.Term.Cues)
            {
                cues[(int)cue] += weight * zone;
            }
        }
        var score = ScoreCues(cues, features);
        if (features is not null)
        {
            foreach (var name in StructureFeatures) features.Add(name, 0);
        }
        var confidence = Calibrate(score);
        var result = new DealClassification
        {
            Id = story.Id,
            IsComputeDeal = false,
            Confidence = confidence,
            Language = DetectLanguage(story, document),
        };
        return (result, score);
    }

    /// <summary>
    /// "CoreWeave buys Core Scientific", "超微買下ZT Systems": a purchase verb right before a company's name is an acquisition;
    /// not when what is bought is the company's product ("buy Ferrolux Chips' accelerators", "buy Nvidia GPUs").
    /// </summary>
    private static bool CompanyBought(StoryDocument document, List<TermHit> hits, List<OrganisationMention> mentions)
    {
        foreach (var hit in hits)
        {
            if ((hit.Term.Flags & TermFlags.CompanyPurchase) == 0) continue;
            foreach (var mention in mentions)
            {
                if (mention.Start < hit.End || mention.Start - hit.End > 1 || document.Text.AsSpan(hit.End, mention.Start - hit.End).Trim().Length != 0) continue;
                var possessive = mention.End < document.Length && document.Text[mention.End] == '\'';
                if (!mention.Component && !possessive) return true;
            }
        }
        return false;
    }

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>The calling thread's lists for hits, organisations and amounts, reused from story to story: none outlives one classification.</summary>
    private sealed class Scratch
    {
        public List<TermHit> Hits { get; } = new(64);
        public List<OrganisationMention> Mentions { get; } = new(16);
        public List<MoneyMention> Money { get; } = new(8);
    }

    private static bool NamesAnEnergyCompany(List<OrganisationMention> mentions)
    {
        foreach (var mention in mentions)
        {
            if (mention.Tier == Tier.Energy && !mention.Excluded) return true;
        }
        return false;
    }

    private static bool InsideUnknownName(List<OrganisationMention> mentions, TermHit hit)
    {
        foreach (var mention in mentions)
        {
            if (!mention.Known && hit.Start >= mention.Start && hit.End <= mention.End) return true;
        }
        return false;
    }

    private static bool IsComputeSupplier(Tier tier) => tier is Tier.Hyperscaler or Tier.Neocloud or Tier.Datacenter or Tier.Chipmaker;

    private static string AmountTextOf(StoryDocument document, MoneyMention mention) => document.OriginalSlice(mention.Start, mention.End).Trim();

    /// <summary>Buyer, provider, then any guarantor or co-party the story names beside them.</summary>
    private static IReadOnlyList<string> PartiesOf(PartyResult parties, StoryDocument document, List<TermHit> hits, List<OrganisationMention> mentions)
    {
        if (parties.Buyer is null) return parties.Provider is null ? [] : [parties.Provider];
        if (parties.Provider is null || parties.Provider == parties.Buyer) return [parties.Buyer];
        var more = CoPartyFinder.Find(document, hits, mentions, parties.Buyer, parties.Provider);
        return more is null ? [parties.Buyer, parties.Provider] : [parties.Buyer, parties.Provider, .. more];
    }

    /// <summary>The cue's name as the model's weights spell it: <c>DealNoun</c> → <c>dealNoun</c>.</summary>
    private static string FeatureName(Cue cue)
    {
        var name = cue.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>Equity bundled with the compute, else what the provider is (a chipmaker supplies chips, a data-centre firm leases halls), else the words.</summary>
    private string DealTypeOf(ReadOnlySpan<double> cues, PartyResult parties)
    {
        var equity = cues[(int)Cue.Equity];
        var lease = cues[(int)Cue.Lease];
        var chip = cues[(int)Cue.Chip];
        var cloud = cues[(int)Cue.CloudService];
        if (parties.ProviderTier == Tier.Datacenter && lease >= 1) return DealTypes.DatacenterLease;
        // Compute for money invested or for warrants ("in return Anthropic will use Trainium", "以資金換算力 ... 少數股東");
        // compute for a revenue share or model rights, with no word of equity, is neither cash nor equity.
        var barter = cues[(int)Cue.Barter];
        if (equity > 0 && equity + barter >= _typeEquityThreshold) return DealTypes.ComputeForEquity;
        if (barter >= 1 && equity == 0) return DealTypes.Other;
        if (parties.ProviderTier == Tier.Chipmaker) return DealTypes.ChipSupply;
        if (parties.ProviderTier == Tier.Datacenter && lease > 0) return DealTypes.DatacenterLease;
        if (lease >= 1 && lease >= cloud * 0.5) return DealTypes.DatacenterLease;
        // GPUs rented from a neocloud are its capacity, however many chips the story counts (a hyperscaler's own TPUs are chips).
        if (chip > cloud + 0.5 && parties.ProviderTier != Tier.Neocloud) return DealTypes.ChipSupply;
        return DealTypes.CloudCapacity;
    }

    private (MoneyMention Mention, decimal Usd, bool Linked)? SelectDealAmount(StoryDocument document, List<TermHit> hits, List<MoneyMention> money)
    {
        (MoneyMention Mention, decimal Usd, bool Linked)? best = null;
        var bestScore = double.MinValue;
        foreach (var m in money)
        {
            if (!_rates.TryGetValue(m.Currency, out var rate)) continue;
            var usd = decimal.Round(m.Value * rate, 0);
            if (usd < _options.MinimumDealUsd) continue;
            var bonus = false;
            var penalty = false;
            foreach (var hit in hits)
            {
                var flags = hit.Term.Flags;
                if ((flags & (TermFlags.AmountBonus | TermFlags.AmountPenalty | TermFlags.Cumulative)) == 0) continue;
                var after = hit.Start >= m.End && hit.Start - m.End <= 25 && !document.HasSentenceBreak(m.End, hit.Start);
                var before = hit.End <= m.Start && m.Start - hit.End <= 10 && !document.HasSentenceBreak(hit.End, m.Start);
                if ((flags & TermFlags.AmountBonus) != 0 && (after || (before && m.Start - hit.End <= 12))) bonus = true;
                if ((flags & TermFlags.AmountPenalty) != 0 && ((after && hit.Start - m.End <= 16) || before)) penalty = true;
                if ((flags & TermFlags.Cumulative) != 0 && hit.End <= m.Start && m.Start - hit.End <= 60 && !document.HasSentenceBreak(hit.End, m.Start)) penalty = true;
            }
            if (!m.ExplicitCurrency && !bonus) continue;
            var score = (document.InTitle(m.Start) ? 2.0 : 0) + (bonus ? 2.0 : 0) - (penalty ? 5.0 : 0);
            if (score > bestScore)
            {
                bestScore = score;
                best = (m, usd, bonus);
            }
        }
        return bestScore > -1 ? best : null;
    }

    private static string DetectLanguage(StoryText story, StoryDocument document)
    {
        if (!string.IsNullOrWhiteSpace(story.Language))
        {
            var declared = story.Language.Trim();
            return declared.Equals("zh-TW", StringComparison.OrdinalIgnoreCase) || declared.Equals("zh-HK", StringComparison.OrdinalIgnoreCase)
                || declared.StartsWith("zh-Hant", StringComparison.OrdinalIgnoreCase)
                ? "zh-Hant"
                : declared;
        }
        int cjk = 0, latin = 0, simplified = 0, traditional = 0;
        foreach (var c in document.Text)
        {
            if (StoryDocument.IsCjkIdeograph(c))
            {
                cjk++;
                if (SimplifiedOnly.Contains(c)) simplified++;
                else if (TraditionalOnly.Contains(c)) traditional++;
            }
            else if (StoryDocument.IsAsciiLetter(c))
            {
                latin++;
            }
        }
        if (cjk * 2 < latin / 3 || cjk < 2) return "en";
        return simplified > traditional ? "zh-Hans" : "zh-Hant";
    }

    private static readonly CharSet SimplifiedOnly = new("们这为说对时会国发经过亚马软伟达与签约订单亿万资产业务电币购买关资云计网络数据际开发术应");
    private static readonly CharSet TraditionalOnly = new("們這為說對時會國發經過亞馬軟偉達與簽約訂單億萬資產業務電幣購買關資雲計網絡數據際開發術應");
}

/// <summary>A classification with the score and the features behind it (for evaluation and calibration).</summary>
internal sealed record StoryAnalysis(DealClassification Result, double Score, IReadOnlyDictionary<string, double> Features);
