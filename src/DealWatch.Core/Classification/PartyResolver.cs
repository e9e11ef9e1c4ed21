using System.Runtime.InteropServices;

namespace DealWatch.Core.Classification;

/// <summary>Who is in the deal: the pair of organisations the story ties together, and which side gets the compute.</summary>
/// <param name="Buyer">Party id of the side that gets the compute.</param>
/// <param name="Provider">Party id of the side that supplies it.</param>
/// <param name="BuyerTier">The buyer's place in the supply chain.</param>
/// <param name="ProviderTier">The provider's.</param>
/// <param name="Evidence">How strongly the words between the two tie them together (0 when only co-named).</param>
/// <param name="Organisations">How many organisations could be parties.</param>
internal sealed record PartyResult(string? Buyer, string? Provider, Tier BuyerTier, Tier ProviderTier, double Evidence, int Organisations);

/// <summary>
/// Reads buyer and provider from sentence structure: for each two organisations named one after the other in a sentence,
/// the words between them say who buys ("X to buy ... from Y", "X向Y採購", "X leases ... from Y"), who supplies
/// ("Y will supply X", "Y獲X訂單", "Y lands X"), or only that both are in it ("X signs with Y", "X與Y簽", "X-Y deal").
/// The best-tied pair wins; where the words give no direction, the supply chain does (a chipmaker supplies a cloud, a cloud a lab).
/// </summary>
internal static class PartyResolver
{
    private const double TitleWeight = 1.0;
    private const double SummaryWeight = 0.7;
    private const int MaxGap = 110;

    public static PartyResult Resolve(StoryDocument document, List<TermHit> hits, List<OrganisationMention> mentions, Lexicon lexicon)
    {
        // Small stories name a handful of organisations: every table lives on the stack (the heap only past 32 names).
        var count = 0;
        foreach (var m in mentions) if (!m.Excluded && !m.Backer) count++;
        if (count == 0) return new PartyResult(null, null, Tier.Unknown, Tier.Unknown, 0, 0);
        // candidates[c] is the c-th mention that may be a party; idOf[c] its organisation's slot, first[slot] that organisation's first candidate.
        Span<int> candidateIndex = count <= 32 ? stackalloc int[count] : new int[count];
        count = 0;
        for (var m = 0; m < mentions.Count; m++) if (!mentions[m].Excluded && !mentions[m].Backer) candidateIndex[count++] = m;
        var candidates = new Candidates(mentions, candidateIndex);

        Span<int> idOf = count <= 32 ? stackalloc int[count] : new int[count];
        Span<int> first = count <= 32 ? stackalloc int[count] : new int[count];
        var n = 0;
        for (var c = 0; c < count; c++)
        {
            var slot = -1;
            for (var k = 0; k < n; k++)
            {
                if (candidates[first[k]].Id == candidates[c].Id)
                {
                    slot = k;
                    break;
                }
            }
            if (slot < 0)
            {
                slot = n++;
                first[slot] = c;
            }
            idOf[c] = slot;
        }

        Span<double> salience = n <= 32 ? stackalloc double[n] : new double[n];
        Span<int> relationCount = n <= 32 ? stackalloc int[n] : new int[n];
        Span<bool> inTitle = n <= 32 ? stackalloc bool[n] : new bool[n];
        Span<bool> strongOrKnown = n <= 32 ? stackalloc bool[n] : new bool[n];
        salience.Clear();
        relationCount.Clear();
        inTitle.Clear();
        strongOrKnown.Clear();
        for (var c = 0; c < count; c++)
        {
            var m = candidates[c];
            var index = idOf[c];
            var weight = document.InTitle(m.Start) ? (m.Component ? 0.8 : 2.0) : (m.Component ? 0.25 : 0.6);
            if (!m.Strong) weight *= 0.6;
            salience[index] = Math.Min(3.5, salience[index] + weight);
            inTitle[index] |= document.InTitle(m.Start);
            strongOrKnown[index] |= m.Strong || m.Known;
        }

        // Pair evidence from the words between consecutive organisations in one sentence.
        Span<double> tie = n <= 8 ? stackalloc double[n * n] : new double[n * n];
        Span<double> direction = n <= 8 ? stackalloc double[n * n] : new double[n * n];
        Span<double> directed = n <= 8 ? stackalloc double[n * n] : new double[n * n];
        tie.Clear();
        direction.Clear();
        directed.Clear();
        for (var a = 0; a < count; a++)
        {
            var left = candidates[a];
            var skippedComponent = false;
            for (var b = a + 1; b < count; b++)
            {
                var right = candidates[b];
                if (right.Start - left.End > MaxGap || document.HasSentenceBreak(left.End, right.Start)) break;
                // The nearer mention of the same organisation pairs with what follows ("在Google雲端租用…": not the first Google's verb).
                if (right.Id == left.Id) break;
                var (relation, strength) = RelationBetween(document, hits, lexicon, left.End, right.Start, right.End);
                // "透過AWS使用輝達GPU", "via AWS using Nvidia GPUs": the verb after a channel belongs to the sentence's subject, not to it.
                if (left.Channel && relation is Relation.BuyerFirst or Relation.ProviderFirst) relation = Relation.None;
                var weight = strength * (document.InTitle(left.Start) ? TitleWeight : SummaryWeight);
                if (left.Component || right.Component) weight *= 0.5;
                if (skippedComponent) weight *= 0.8;
                var x = idOf[a];
                var y = idOf[b];
                if (relation == Relation.None)
                {
                    weight = right.Start - left.End <= 60 ? 0.3 * weight / Math.Max(strength, 1) : 0;
                }
                tie[x * n + y] += weight;
                tie[y * n + x] += weight;
                if (relation != Relation.None)
                {
                    relationCount[x]++;
                    relationCount[y]++;
                }
                if (relation is Relation.BuyerFirst or Relation.ProviderFirst)
                {
                    directed[x * n + y] += weight;
                    directed[y * n + x] += weight;
                }
                if (relation == Relation.BuyerFirst)
                {
                    direction[x * n + y] += weight;
                    direction[y * n + x] -= weight;
                }
                else if (relation == Relation.ProviderFirst)
                {
                    direction[x * n + y] -= weight;
                    direction[y * n + x] += weight;
                }
                if (!right.Component) break;
                skippedComponent = true;
            }
        }

        // An organisation never seen before counts only when the title names it or the words tie it to another.
        for (var i = 0; i < n; i++)
        {
            if (!candidates[first[i]].Known && relationCount[i] == 0 && !inTitle[i])
            {
                salience[i] = 0;
            }
            // A lone ordinary capitalised word ("GTC", "Foundation") never matched to a fuller name needs the title and a tie.
            if (!strongOrKnown[i] && !(inTitle[i] && relationCount[i] > 0))
            {
                salience[i] = 0;
            }
            if (candidates[first[i]].Tier is Tier.Investor or Tier.Energy) salience[i] *= 0.3;
        }

        var bestX = -1;
        var bestY = -1;
        var bestScore = double.MinValue;
        for (var x = 0; x < n; x++)
        {
            if (salience[x] <= 0) continue;
            for (var y = x + 1; y < n; y++)
            {
                if (salience[y] <= 0) continue;
                var score = tie[x * n + y] + directed[x * n + y] + 0.5 * (salience[x] + salience[y]);
                if (score > bestScore)
                {
                    bestScore = score;
                    bestX = x;
                    bestY = y;
                }
            }
        }

        if (bestX < 0)
        {
            var only = 0;
            for (var i = 1; i < n; i++) if (salience[i] > salience[only]) only = i;
            return new PartyResult(null, null, candidates[first[only]].Tier, Tier.Unknown, 0, salience[only] > 0 ? 1 : 0);
        }

        // Direction: what the words say, then the supply chain (lower tier buys), then the order of naming.
        var lean = direction[bestX * n + bestY];
        var x0 = candidates[first[bestX]];
        var y0 = candidates[first[bestY]];
        var tierLean = y0.Tier.SupplyRank() - x0.Tier.SupplyRank();
        lean += Math.Sign(tierLean) * 0.75;
        lean += ProviderHint(document, mentions, y0.Id) - ProviderHint(document, mentions, x0.Id);
        var xBuys = lean > 0 || (lean == 0 && x0.Start <= y0.Start);
        var buyer = xBuys ? x0 : y0;
        var provider = xBuys ? y0 : x0;
        var salient = 0;
        foreach (var value in salience) if (value > 0) salient++;
        return new PartyResult(buyer.Id, provider.Id, buyer.Tier, provider.Tier, tie[bestX * n + bestY], salient);
    }

    /// <summary>The mentions that may be buyer or provider (neither excluded nor a backer), by position among them.</summary>
    private readonly ref struct Candidates(List<OrganisationMention> mentions, ReadOnlySpan<int> indices)
    {
        private readonly ReadOnlySpan<int> _indices = indices;

        public OrganisationMention this[int candidate] => mentions[_indices[candidate]];
    }

    /// <summary>"Halden's clusters", "Greyfen's GPUs", "Applied Digital's campus", "在雲翼科技的資料中心": the owner of the hardware supplies it.</summary>
    private static double ProviderHint(StoryDocument document, List<OrganisationMention> mentions, string id)
    {
        var lower = document.Lower;
        double hint = 0;
        foreach (var m in mentions)
        {
            if (m.Excluded || m.Id != id) continue;
            var k = m.End;
            if (k + 2 < lower.Length && lower[k] == '\'' && (lower[k + 1] == 's' || lower[k + 1] == ' '))
            {
                k += lower[k + 1] == 's' ? 2 : 1;
            }
            else if (k < lower.Length && lower[k] == '的')
            {
                k++;
            }
            else
            {
                continue;
            }
            var rest = lower.AsSpan(k, Math.Min(36, lower.Length - k));
            foreach (var word in HardwareWords)
            {
                if (rest.Contains(word, StringComparison.Ordinal))
                {
                    hint += 0.6;
                    break;
                }
            }
        }
        return Math.Min(hint, 1.2);
    }

    private static readonly string[] HardwareWords =
        ["gpu", "cluster", "campus", "data cent", "data-cent", "cloud", "chips", "accelerators", "capacity", "regions", "site", "halls", "資料中心", "機房", "叢集", "雲端", "園區", "gpu雲端"];

    private static bool EndsWithConjunction(ReadOnlySpan<char> gap) =>
        gap.Length > 4 && (gap.EndsWith(" and", StringComparison.Ordinal) || gap[^1] is ',' or '、' or '和' or '及');

    private static bool IsParticipleAfterComma(StoryDocument document, int from, TermHit hit)
    {
        var text = document.Lower.AsSpan(from, hit.Start - from).Trim();
        var verb = document.Lower.AsSpan(hit.Start, hit.End - hit.Start);
        return text is "," && verb.EndsWith("ing", StringComparison.Ordinal);
    }

    /// <summary>The first directional cue between two names decides; without one, a symmetric cue or punctuation ("-", ",", "/") ties them.</summary>
    private static (Relation Relation, double Strength) RelationBetween(StoryDocument document, List<TermHit> hits, Lexicon lexicon, int from, int to, int rightEnd)
    {
        var gap = document.Lower.AsSpan(from, to - from).Trim();
        if (gap.Length == 0) return (Relation.Symmetric, 0.5);
        if (lexicon.PunctuationRelations.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(gap, out var punctuation)) return (punctuation, 1.0);

        // "Microsoft will invest $5 billion and Nvidia ...": a name after a closing conjunction shares the first one's role.
        if (EndsWithConjunction(gap)) return (Relation.Symmetric, 0.5);

        var all = CollectionsMarshal.AsSpan(hits);
        foreach (var hit in all[TermHit.FirstAtOrAfter(all, from)..])
        {
            if (hit.End > to) break;
            var relation = hit.Term.Relation;
            // "... with AWS, using Nvidia GPUs": a participle after a comma has the sentence's subject, not the name before the comma.
            if (relation is Relation.BuyerFirst or Relation.ProviderFirst && IsParticipleAfterComma(document, from, hit)) return (Relation.None, 1.0);
            if (hit.Term.ReversedBeforeTo && relation == Relation.BuyerFirst && gap.EndsWith(" to", StringComparison.Ordinal)) return (Relation.ProviderFirst, 2.0);
            if (relation is Relation.BuyerFirst or Relation.ProviderFirst) return (relation, 2.0);
            if (relation == Relation.Symmetric) return (relation, 1.0);
        }

        // "OpenAI's $38B AWS pact", "the $300B OpenAI contract": two names before one deal word tie them.
        return TermHit.AnyStartingIn(all, rightEnd, rightEnd + 12, [Cue.DealNoun]) ? (Relation.Symmetric, 1.0) : (Relation.None, 1.0);
    }
}
