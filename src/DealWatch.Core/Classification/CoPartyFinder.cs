using System.Runtime.InteropServices;

namespace DealWatch.Core.Classification;

/// <summary>
/// Parties of a deal beside its buyer and provider: a guarantor ("Google will backstop $1.8 billion of Fluidstack's lease",
/// "谷歌提供擔保") and a co-party named together with the buyer or the provider in a sentence about the deal ("in deal with
/// Microsoft and Nvidia", "微軟、輝達同步入股", "Microsoft, Nvidia to invest ... in Anthropic"). Names listed beside a party
/// for their share prices ("AWS and Microsoft shares fell") or as the maker of the hardware ("Nvidia GPUs") are not parties.
/// </summary>
internal static class CoPartyFinder
{
    /// <summary>How far after a Chinese name its guarantee may be stated, in one clause ("谷歌將為Fluidstack的18億美元租賃義務提供擔保").</summary>
    private const int ChineseBackerReach = 32;

    /// <summary>How long an aside between a name and its verb may be ("SoftBank, Tesseract's largest shareholder, has guaranteed").</summary>
    private const int AsideReach = 60;

    /// <summary>How far after a list of names a market word makes it a list of share moves.</summary>
    private const int MarketReach = 16;

    /// <summary>What a backer does, right after its name and any auxiliary verbs.</summary>
    private static readonly string[] BackerVerbs =
        ["guarantees", "guaranteed", "guarantee", "backstops", "backstopped", "backstop", "co-invests", "co-invest", "co-fund",
         "co-funds", "as guarantor", "act as guarantor", "as co-investor", "act as co-investor"];

    private static readonly string[] Auxiliaries = ["will", "has", "have", "would", "also", "agreed to", "is", "to", "is to", "said it will", "said it would"];

    /// <summary>"guaranteed capacity", "guarantees access": an adjective or a promise of supply, not a guarantee of payments.</summary>
    private static readonly string[] NotBackedNouns = ["capacity", "access", "supply", "availability", "uptime", "delivery", "deliveries"];

    private static readonly string[] ChineseBackerWords = ["擔保", "担保", "作保", "共同出資", "共同投資", "聯合出資", "履約保證", "提供保證"];

    /// <summary>A backer named after what it backs: "a $9bn deal co-funded by Qasr Capital", "payments guaranteed by SoftBank".</summary>
    private static readonly string[] BackedBy = ["co-funded by ", "co-financed by ", "guaranteed by ", "backstopped by ", "underwritten by "];

    private static readonly string[] MarketWords = ["share", "stock", "股價", "股票", "股价", "rose", "fell", "gain", "drop", "漲", "跌"];

    private static readonly string[] Conjunctions = ["and", ",", "、", "和", "及", "&", "以及", ", and"];

    /// <summary>
    /// Marks every mention of an organisation that backs the deal (a guarantor, a co-investor) as <see cref="OrganisationMention.Backer"/>,
    /// so that it is not taken for the buyer or the provider; only when two other organisations remain to be those.
    /// </summary>
    public static void MarkBackers(StoryDocument document, List<OrganisationMention> mentions)
    {
        List<string>? backers = null;
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (Eligible(m) && !(backers?.Contains(m.Id) ?? false) && IsBacker(document, mentions, i)) (backers ??= []).Add(m.Id);
        }
        if (backers is null) return;

        // Two other organisations must remain for buyer and provider.
        string? first = null;
        var enough = false;
        foreach (var m in mentions)
        {
            if (!Eligible(m) || backers.Contains(m.Id)) continue;
            if (first is null) first = m.Id;
            else if (m.Id != first)
            {
                enough = true;
                break;
            }
        }
        if (!enough) return;
        foreach (var m in mentions)
        {
            if (backers.Contains(m.Id)) m.Backer = true;
        }
    }

    /// <summary>The ids of the further parties, in the order the story first names them; null when there are none.</summary>
    public static List<string>? Find(StoryDocument document, List<TermHit> hits, List<OrganisationMention> mentions, string buyer, string provider)
    {
        List<string>? found = null;
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (!Eligible(m) || m.Id == buyer || m.Id == provider || (found?.Contains(m.Id) ?? false)) continue;
            // A list is a weak tie: a name never seen before counts in one only when the title names it.
            if (m.Backer || ((m.Known || document.InTitle(m.Start)) && CoordinatedWithParty(document, hits, mentions, i, buyer, provider)))
            {
                (found ??= []).Add(m.Id);
            }
        }
        return found;
    }

    private static bool Eligible(OrganisationMention m) => !m.Excluded && !m.Component && !m.Channel && (m.Known || m.Strong);

    /// <summary>
    /// The name is the subject of a guarantee or a co-investment: "SoftBank guarantees payments", "Google will backstop $1.8 billion",
    /// "SoftBank, Tesseract's largest shareholder, has guaranteed", "co-funded by Qasr Capital", "谷歌提供擔保", "軟銀共同出資".
    /// </summary>
    private static bool IsBacker(StoryDocument document, List<OrganisationMention> mentions, int index)
    {
        var lower = document.Lower;
        var m = mentions[index];
        if (m.End < lower.Length && StoryDocument.IsCjk(lower[m.End]))
        {
            // "Fluidstack的租賃義務": what is guaranteed belongs to it; it does not guarantee.
            if (lower[m.End] == '的') return false;
            // The clause ends at the next organisation, unless that one is what the guarantee is for ("谷歌將為Fluidstack的…提供擔保").
            var reach = Math.Min(lower.Length, m.End + ChineseBackerReach);
            for (var k = index + 1; k < mentions.Count && mentions[k].Start < reach; k++)
            {
                if (mentions[k].Start < m.End) continue;
                var gap = lower.AsSpan(m.End, mentions[k].Start - m.End);
                if (!gap.EndsWith("為", StringComparison.Ordinal) && !gap.EndsWith("替", StringComparison.Ordinal))
                {
                    reach = mentions[k].Start;
                    break;
                }
            }
            var clauseEnd = lower.AsSpan(m.End, reach - m.End).IndexOfAny("，,。；;\n");
            var clause = lower.AsSpan(m.End, clauseEnd < 0 ? reach - m.End : clauseEnd);
            foreach (var word in ChineseBackerWords)
            {
                if (clause.Contains(word, StringComparison.Ordinal)) return true;
            }
            return clause.StartsWith("出資", StringComparison.Ordinal);
        }

        if (StoryDocument.Preceded(lower, m.Start, BackedBy)) return true;

        var rest = lower.AsSpan(m.End);
        // Past an aside between commas right after the name.
        if (rest.StartsWith(",", StringComparison.Ordinal))
        {
            var close = rest[1..Math.Min(rest.Length, AsideReach)].IndexOf(',');
            if (close > 0) rest = rest[(close + 2)..];
        }
        rest = rest.TrimStart();
        for (var stripped = true; stripped;)
        {
            stripped = false;
            foreach (var auxiliary in Auxiliaries)
            {
                if (rest.StartsWith(auxiliary, StringComparison.Ordinal) && rest.Length > auxiliary.Length && rest[auxiliary.Length] == ' ')
                {
                    rest = rest[(auxiliary.Length + 1)..];
                    stripped = true;
                    break;
                }
            }
        }
        foreach (var verb in BackerVerbs)
        {
            if (!rest.StartsWith(verb, StringComparison.Ordinal)) continue;
            var after = rest[verb.Length..];
            if (after.Length > 0 && StoryDocument.IsAsciiLetter(after[0])) return false;
            after = after.TrimStart();
            foreach (var noun in NotBackedNouns)
            {
                if (after.StartsWith(noun, StringComparison.Ordinal)) return false;
            }
            return true;
        }
        return false;
    }

    /// <summary>
    /// The name stands in one list with the buyer or the provider ("Microsoft and Nvidia", "微軟、輝達"), in a sentence with a
    /// deal, lease or equity word, and the list is not followed by a market word.
    /// </summary>
    private static bool CoordinatedWithParty(StoryDocument document, List<TermHit> hits, List<OrganisationMention> mentions, int index, string buyer, string provider)
    {
        // The list around the name: neighbours joined to it by a conjunction alone.
        var first = index;
        while (first > 0 && Joined(document, mentions[first - 1], mentions[first])) first--;
        var last = index;
        while (last + 1 < mentions.Count && Joined(document, mentions[last], mentions[last + 1])) last++;
        if (first == last) return false;

        var withParty = false;
        for (var k = first; k <= last; k++)
        {
            withParty |= mentions[k].Id == buyer || mentions[k].Id == provider;
        }
        if (!withParty) return false;

        var listEnd = mentions[last].End;
        var tail = document.Lower.AsSpan(listEnd, Math.Min(MarketReach, document.Length - listEnd));
        foreach (var word in MarketWords)
        {
            if (tail.Contains(word, StringComparison.Ordinal)) return false;
        }
        return SentenceHasDealWord(document, hits, mentions[first].Start, listEnd);
    }

    private static bool Joined(StoryDocument document, OrganisationMention left, OrganisationMention right)
    {
        if (right.Start < left.End || !Eligible(left) || !Eligible(right)) return false;
        var gap = document.Lower.AsSpan(left.End, right.Start - left.End).Trim();
        foreach (var conjunction in Conjunctions)
        {
            if (gap.SequenceEqual(conjunction)) return true;
        }
        return false;
    }

    private static bool SentenceHasDealWord(StoryDocument document, List<TermHit> hits, int from, int to)
    {
        var start = from;
        while (start > 0 && !document.IsSentenceBreak(start - 1)) start--;
        var end = document.NextSentenceBreak(to, document.Length);
        return TermHit.AnyStartingIn(CollectionsMarshal.AsSpan(hits), start, end - 1, [Cue.DealNoun, Cue.DealVerb, Cue.Equity, Cue.Lease, Cue.Agreed]);
    }
}
