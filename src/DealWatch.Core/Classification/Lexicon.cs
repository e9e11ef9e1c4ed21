using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DealWatch.Core.Classification;

/// <summary>Kinds of words the classifier counts; each is a list in <c>Resources/lexicon.json</c>.</summary>
internal enum Cue
{
    Compute, DealNoun, DealVerb, Equity, Lease, Chip, CloudService,
    Funding, Earnings, Capex, Market, Energy, Acquisition, Legal, Regulation, Rumour, NoCommitment,
    Launch, People, Distribution, Aggregate, Agreed,
    /// <summary>Paid in something other than cash or equity: "in exchange for", revenue shares, licensing rights.</summary>
    Barter,
}

/// <summary>What the words between two organisations say about who supplies whom.</summary>
internal enum Relation : byte
{
    None,
    /// <summary>The first organisation gets the compute ("X buys from Y", "X向Y採購").</summary>
    BuyerFirst,
    /// <summary>The first organisation supplies it ("X will supply Y", "X獲Y訂單").</summary>
    ProviderFirst,
    /// <summary>Both are parties, direction unknown ("X signs with Y", "X與Y簽").</summary>
    Symmetric,
}

/// <summary>Where an organisation usually sits in the compute supply chain; the lower tier is the buyer.</summary>
internal enum Tier
{
    Customer = 0,
    Unknown = 1,
    Hyperscaler = 2,
    Neocloud = 3,
    Datacenter = 4,
    Chipmaker = 5,
    Investor = 10,
    Energy = 11,
}

internal static class TierExtensions
{
    /// <summary>Place in the supply chain, buyer side low; investors and energy firms sit with the unknown.</summary>
    public static int SupplyRank(this Tier tier) => tier <= Tier.Chipmaker ? (int)tier : (int)Tier.Unknown;
}

[Flags]
internal enum TermFlags
{
    None = 0,
    NotPartyBefore = 1,
    ComponentAfter = 2,
    AmountPenalty = 4,
    AmountBonus = 8,
    NotParty = 16,
    /// <summary>Right after a name, makes it a description of another party ("Anthropic rival Cohere", "Nvidia-backed Lambda").</summary>
    NotPartyAfter = 64,
    /// <summary>A purchase verb: right before a company's name, the story is about buying the company.</summary>
    CompanyPurchase = 128,
    /// <summary>A word no compute deal can be reported without: compute, a deal, a supply relation (see <see cref="ScoringModel.DealEvidenceCues"/>).</summary>
    DealEvidence = 512,
    /// <summary>Before an amount in its sentence, makes it a running total ("bringing total contracts to $8.7 billion").</summary>
    Cumulative = 32,
    /// <summary>Right before a name, makes it the channel the compute comes through ("透過AWS使用…GPU", "via AWS"), not the subject of the next verb.</summary>
    ChannelBefore = 256,
}

internal sealed record Organisation(string Id, Tier Tier);

/// <summary>One entry of the lexicon with everything it means.</summary>
internal sealed class Term(string text, bool prefix)
{
    public string Text { get; } = text;
    public bool Prefix { get; } = prefix;
    public Organisation? Organisation { get; set; }
    public Relation Relation { get; set; }
    public List<(Cue Cue, float Weight)> Cues { get; } = [];
    public TermFlags Flags { get; set; }
    /// <summary>A verb that points the other way before "to": "X rents GPUs to Y" makes X the provider.</summary>
    public bool ReversedBeforeTo { get; set; }
}

internal readonly record struct TermHit(int Start, int End, Term Term)
{
    /// <summary>Index of the first hit starting at or after <paramref name="position"/> in hits sorted by start (a binary search).</summary>
    public static int FirstAtOrAfter(ReadOnlySpan<TermHit> hits, int position)
    {
        int low = 0, high = hits.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (hits[mid].Start < position) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>True when a hit starting in [<paramref name="from"/>, <paramref name="last"/>] carries one of <paramref name="cues"/>.</summary>
    public static bool AnyStartingIn(ReadOnlySpan<TermHit> hits, int from, int last, ReadOnlySpan<Cue> cues)
    {
        foreach (var hit in hits[FirstAtOrAfter(hits, from)..])
        {
            if (hit.Start > last) break;
            foreach (var (cue, _) in hit.Term.Cues)
            {
                if (cues.Contains(cue)) return true;
            }
        }
        return false;
    }
}

/// <summary>The lexicon, compiled for scanning: every term indexed by its first word (Latin) or first character (CJK).</summary>
internal sealed class Lexicon
{
    private readonly Dictionary<string, Term[]>.AlternateLookup<ReadOnlySpan<char>> _byFirstWord;
    private readonly FrozenDictionary<char, Term[]> _byFirstChar;
    private readonly CharSet _firstChars;

    private Lexicon(LexiconFile file)
    {
        var terms = new Dictionary<string, Term>(StringComparer.Ordinal);
        Term Get(string raw)
        {
            var prefix = raw.EndsWith('*');
            var text = Normalise(prefix ? raw[..^1] : raw);
            var key = prefix ? text + "*" : text;
            if (!terms.TryGetValue(key, out var term))
            {
                term = new Term(text, prefix);
                terms[key] = term;
            }
            return term;
        }

        foreach (var org in file.Organisations)
        {
            var organisation = new Organisation(org.Id, Enum.Parse<Tier>(org.Tier, ignoreCase: true));
            foreach (var alias in org.Aliases.Append(org.Id))
            {
                Get(alias).Organisation ??= organisation;
            }
        }

        foreach (var (name, list) in file.Cues)
        {
            var cue = Enum.Parse<Cue>(name, ignoreCase: true);
            foreach (var entry in list)
            {
                var (raw, weight) = SplitWeight(entry);
                var term = Get(raw);
                if (!term.Cues.Exists(c => c.Cue == cue)) term.Cues.Add((cue, weight));
            }
        }

        foreach (var (name, list) in file.Relations)
        {
            if (name.Equals("reversedBeforeTo", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var raw in list) Get(raw).ReversedBeforeTo = true;
                continue;
            }
            var relation = Enum.Parse<Relation>(name, ignoreCase: true);
            foreach (var raw in list)
            {
                if (!StartsWithWordOrCjk(raw))
                {
                    PunctuationRelations[raw] = relation;
                    continue;
                }
                var term = Get(raw);
                if (term.Relation == Relation.None)
                {
                    term.Relation = relation;
                }
            }
        }

        // Neutral terms only consume their characters: 為期 is not the 為 of "X為Y提供".
        foreach (var raw in file.Neutral) Get(raw);
        foreach (var raw in file.NotParties) Get(raw).Flags |= TermFlags.NotParty;

        foreach (var raw in file.NotPartyBefore) Get(raw).Flags |= TermFlags.NotPartyBefore;
        foreach (var raw in file.NotPartyAfter.Where(StartsWithWordOrCjk)) Get(raw).Flags |= TermFlags.NotPartyAfter;
        // "-backed" is no word the scan finds; it is matched right after a name instead.
        NotPartyGluedAfter = [.. file.NotPartyAfter.Where(raw => !StartsWithWordOrCjk(raw)).Select(Normalise)];
        foreach (var raw in file.ChannelBefore) Get(raw).Flags |= TermFlags.ChannelBefore;
        foreach (var raw in file.CompanyPurchase) Get(raw).Flags |= TermFlags.CompanyPurchase;
        ComponentWords = file.ComponentAfter.Select(Normalise).Distinct(StringComparer.Ordinal)
            .GroupBy(w => w[0]).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        foreach (var raw in file.AmountContext.PenaltyNear) Get(raw).Flags |= TermFlags.AmountPenalty;
        foreach (var raw in file.AmountContext.BonusNear) Get(raw).Flags |= TermFlags.AmountBonus;
        foreach (var raw in file.AmountContext.CumulativeBefore) Get(raw).Flags |= TermFlags.Cumulative;

        NameStopwords = file.Names.Stopwords.Select(Normalise).ToFrozenSet(StringComparer.Ordinal);
        NameSuffixWords = file.Names.NameSuffixWords.Select(Normalise).ToFrozenSet(StringComparer.Ordinal);
        ProductNames = file.Names.ProductNames.Select(Normalise).ToFrozenSet(StringComparer.Ordinal);
        SuffixTiers = file.Names.SuffixTier
            .SelectMany(kv => kv.Value.Select(suffix => (Suffix: Normalise(suffix), Tier: Enum.Parse<Tier>(kv.Key, ignoreCase: true))))
            .OrderByDescending(x => x.Suffix.Length)
            .ToArray();
        ChineseSuffixes = file.Names.ChineseSuffixTier
            .SelectMany(kv => kv.Value.Select(suffix => (Suffix: suffix, Tier: Enum.Parse<Tier>(kv.Key, ignoreCase: true))))
            .OrderByDescending(x => x.Suffix.Length)
            .ToArray();
        ChineseSuffixStarts = new CharSet(ChineseSuffixes.Select(x => x.Suffix[0]));
        ChineseBreakChars = new CharSet(file.Names.ChineseBreakChars);
        ChinesePrefixStopwords = file.Names.ChinesePrefixStopwords.ToFrozenSet(StringComparer.Ordinal);
        Model = file.Model;

        // A longer phrase hides the shorter one inside it when scanning ("will buy" over "buy", "total investment" over
        // "investment"): a Latin phrase without a relation or cues of its own takes those of its last word that has some.
        var neutral = file.Neutral.Select(Normalise).ToHashSet(StringComparer.Ordinal);
        foreach (var term in terms.Values)
        {
            if (neutral.Contains(term.Text) || !term.Text.Contains(' ', StringComparison.Ordinal)) continue;
            var words = term.Text.Split(' ').Reverse().Select(w => terms.GetValueOrDefault(w)).OfType<Term>().ToList();
            if (term.Relation == Relation.None && words.Find(t => t.Relation != Relation.None) is { } withRelation)
            {
                term.Relation = withRelation.Relation;
                term.ReversedBeforeTo |= withRelation.ReversedBeforeTo;
            }
            if (term.Cues.Count == 0 && words.Find(t => t.Cues.Count > 0) is { } withCues)
            {
                term.Cues.AddRange(withCues.Cues);
            }
        }

        // The gate's words: a story without any of them is not a compute deal, whatever else it says.
        var evidence = file.Model.DealEvidenceCues.Select(name => Enum.Parse<Cue>(name, ignoreCase: true)).ToHashSet();
        foreach (var term in terms.Values)
        {
            if (term.Relation is Relation.BuyerFirst or Relation.ProviderFirst || term.Cues.Exists(c => evidence.Contains(c.Cue))) term.Flags |= TermFlags.DealEvidence;
        }

        var byWord = new Dictionary<string, List<Term>>(StringComparer.Ordinal);
        var byChar = new Dictionary<char, List<Term>>();
        foreach (var term in terms.Values)
        {
            if (term.Text.Length == 0) continue;
            var first = term.Text[0];
            if (StoryDocument.IsWordChar(first))
            {
                var end = 0;
                while (end < term.Text.Length && StoryDocument.IsWordChar(term.Text[end])) end++;
                var word = term.Text[..end];
                if (!byWord.TryGetValue(word, out var list)) byWord[word] = list = [];
                list.Add(term);
            }
            else
            {
                if (!byChar.TryGetValue(first, out var list)) byChar[first] = list = [];
                list.Add(term);
            }
        }

        _byFirstWord = byWord
            .ToDictionary(kv => kv.Key, kv => kv.Value.OrderByDescending(t => t.Text.Length).ToArray(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _byFirstChar = byChar.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.OrderByDescending(t => t.Text.Length).ToArray());
        _firstChars = new CharSet(byChar.Keys);
    }

    public Dictionary<string, Relation> PunctuationRelations { get; } = new(StringComparer.Ordinal);

    /// <summary>Endings glued to a name that make it a description of another party ("Nvidia-backed Lambda").</summary>
    public string[] NotPartyGluedAfter { get; }
    /// <summary>Words that make the name before them a maker of parts ("Nvidia GPUs"), by first character.</summary>
    public FrozenDictionary<char, string[]> ComponentWords { get; }
    public FrozenSet<string> NameStopwords { get; }
    public FrozenSet<string> NameSuffixWords { get; }

    /// <summary>Chip and system families ("Blackwell", "Rubin", "Trainium"): the capitalised words after one name its model, not a company.</summary>
    public FrozenSet<string> ProductNames { get; }
    public (string Suffix, Tier Tier)[] SuffixTiers { get; }
    public (string Suffix, Tier Tier)[] ChineseSuffixes { get; }
    public CharSet ChineseSuffixStarts { get; }
    public CharSet ChineseBreakChars { get; }
    public FrozenSet<string> ChinesePrefixStopwords { get; }
    public ScoringModel Model { get; }

    /// <summary>The lexicon shipped as an embedded resource.</summary>
    public static Lexicon Default { get; } = Load();

    private static Lexicon Load()
    {
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream("DealWatch.Core.Classification.Resources.lexicon.json")
            ?? throw new InvalidOperationException("The classifier lexicon resource is missing from DealWatch.Core.");
        var file = JsonSerializer.Deserialize(stream, LexiconJsonContext.Default.LexiconFile)
            ?? throw new InvalidOperationException("The classifier lexicon resource is empty.");
        return new Lexicon(file);
    }

    /// <summary>Every lexicon term found in the document, longest match first, left to right, not overlapping.</summary>
    public List<TermHit> Scan(StoryDocument document, List<TermHit>? into = null)
    {
        var hits = into ?? new List<TermHit>(48);
        var lower = document.Lower;
        var i = 0;
        while (i < lower.Length)
        {
            var c = lower[i];
            if (StoryDocument.IsWordChar(c))
            {
                var wordEnd = i + 1;
                while (wordEnd < lower.Length && StoryDocument.IsWordChar(lower[wordEnd])) wordEnd++;
                if (i == 0 || !StoryDocument.IsWordChar(lower[i - 1]))
                {
                    if (_byFirstWord.TryGetValue(lower.AsSpan(i, wordEnd - i), out var candidates)
                        && TryMatch(lower, i, candidates, latin: true, out var hit))
                    {
                        hits.Add(hit);
                        i = hit.End;
                        continue;
                    }
                }
                i = wordEnd;
            }
            else if (c >= '\u2E80' && _firstChars.Contains(c) && _byFirstChar.TryGetValue(c, out var candidates) && TryMatch(lower, i, candidates, latin: false, out var hit))
            {
                hits.Add(hit);
                i = hit.End;
            }
            else
            {
                i++;
            }
        }
        return hits;
    }

    private static bool TryMatch(string lower, int start, Term[] candidates, bool latin, out TermHit hit)
    {
        var rest = lower.AsSpan(start);
        foreach (var term in candidates)
        {
            if (!rest.StartsWith(term.Text, StringComparison.Ordinal)) continue;
            var end = start + term.Text.Length;
            if (term.Prefix)
            {
                while (end < lower.Length && StoryDocument.IsAsciiLetter(lower[end])) end++;
            }
            else if (latin || StoryDocument.IsWordChar(term.Text[^1]))
            {
                if (StoryDocument.IsWordChar(term.Text[^1]) && end < lower.Length && StoryDocument.IsWordChar(lower[end])) continue;
            }
            hit = new TermHit(start, end, term);
            return true;
        }
        hit = default;
        return false;
    }

    private static string Normalise(string raw)
    {
        var chars = raw.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = StoryDocument.Fold(chars[i]);
            chars[i] = (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
        }
        return new string(chars);
    }

    private static (string Raw, float Weight) SplitWeight(string entry)
    {
        var bar = entry.LastIndexOf('|');
        return bar > 0 && float.TryParse(entry.AsSpan(bar + 1), System.Globalization.CultureInfo.InvariantCulture, out var w)
            ? (entry[..bar], w)
            : (entry, 1f);
    }

    private static bool StartsWithWordOrCjk(string raw) => raw.Length > 0 && (StoryDocument.IsWordChar(raw[0]) || raw[0] >= '\u2E80');
}

internal sealed class LexiconFile
{
    public List<OrganisationEntry> Organisations { get; set; } = [];
    public List<string> NotParties { get; set; } = [];
    public List<string> NotPartyBefore { get; set; } = [];
    public List<string> ComponentAfter { get; set; } = [];
    public List<string> Neutral { get; set; } = [];
    public List<string> NotPartyAfter { get; set; } = [];
    public List<string> ChannelBefore { get; set; } = [];
    public List<string> CompanyPurchase { get; set; } = [];
    public Dictionary<string, List<string>> Relations { get; set; } = [];
    public Dictionary<string, List<string>> Cues { get; set; } = [];
    public AmountContextEntry AmountContext { get; set; } = new();
    public NamesEntry Names { get; set; } = new();
    public ScoringModel Model { get; set; } = new();
}

internal sealed class OrganisationEntry
{
    public string Id { get; set; } = "";
    public string Tier { get; set; } = "unknown";
    public List<string> Aliases { get; set; } = [];
}

internal sealed class AmountContextEntry
{
    public List<string> PenaltyNear { get; set; } = [];
    public List<string> BonusNear { get; set; } = [];
    public List<string> CumulativeBefore { get; set; } = [];
}

internal sealed class NamesEntry
{
    public List<string> Stopwords { get; set; } = [];
    public Dictionary<string, List<string>> SuffixTier { get; set; } = [];
    public List<string> NameSuffixWords { get; set; } = [];
    public List<string> ProductNames { get; set; } = [];
    public Dictionary<string, List<string>> ChineseSuffixTier { get; set; } = [];
    public string ChineseBreakChars { get; set; } = "";
    public List<string> ChinesePrefixStopwords { get; set; } = [];
}

/// <summary>The linear score over the story's features and its calibration to a probability (Platt scaling).</summary>
internal sealed class ScoringModel
{
    public double Bias { get; set; }
    public Dictionary<string, double> Weights { get; set; } = [];
    public Dictionary<string, double> Caps { get; set; } = [];
    /// <summary>
    /// Cue lists of which a story must use at least one word (or a buyer/provider relation word) to be scored at all: without
    /// one, it reports no compute and no agreement, so the organisation and amount extraction is skipped and only its cues are scored.
    /// </summary>
    public List<string> DealEvidenceCues { get; set; } = [];
    public double CalibrationSlope { get; set; } = 1;
    public double CalibrationIntercept { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(LexiconFile))]
internal sealed partial class LexiconJsonContext : JsonSerializerContext;
