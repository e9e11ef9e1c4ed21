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
    /// <summary>How far after a name its guarantee may be stated ("Google will backstop", "谷歌將為…提供擔保").</summary>
    private const int GuaranteeReach = 40;

    /// <summary>How far after a list of names a market word makes it a list of share moves.</summary>
    private const int MarketReach = 16;

    private static readonly string[] GuaranteeWords = ["backstop", "guarantee", "guarantor", "擔保", "作保", "担保"];

    private static readonly string[] MarketWords = ["share", "stock", "股價", "股票", "股价", "rose", "fell", "gain", "drop", "漲", "跌"];

    private static readonly string[] Conjunctions = ["and", ",", "、", "和", "及", "&", "以及", ", and"];

    /// <summary>The ids of the further parties, in the order the story first names them; empty when there are none.</summary>
    public static List<string>? Find(StoryDocument document, List<TermHit> hits, List<OrganisationMention> mentions, string buyer, string provider)
    {
        List<string>? found = null;
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (!Eligible(m) || m.Id == buyer || m.Id == provider || (found?.Contains(m.Id) ?? false)) continue;
            // A list is a weak tie: a name never seen before counts in one only when the title names it.
            if (Guarantees(document, m) || ((m.Known || document.InTitle(m.Start)) && CoordinatedWithParty(document, hits, mentions, i, buyer, provider)))
            {
                (found ??= []).Add(m.Id);
            }
        }
        return found;
    }

    private static bool Eligible(OrganisationMention m) => !m.Excluded && !m.Component && !m.Channel && (m.Known || m.Strong);

    /// <summary>The name is the subject of a guarantee: a guarantee word follows it in the same sentence, close by.</summary>
    private static bool Guarantees(StoryDocument document, OrganisationMention m)
    {
        var end = document.NextSentenceBreak(m.End, Math.Min(document.Length, m.End + GuaranteeReach));
        var after = document.Lower.AsSpan(m.End, end - m.End);
        foreach (var word in GuaranteeWords)
        {
            if (after.Contains(word, StringComparison.Ordinal)) return true;
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
        var all = CollectionsMarshal.AsSpan(hits);
        foreach (var hit in all[TermHit.FirstAtOrAfter(all, start)..])
        {
            if (hit.Start >= end) break;
            foreach (var (cue, _) in hit.Term.Cues)
            {
                if (cue is Cue.DealNoun or Cue.DealVerb or Cue.Equity or Cue.Lease or Cue.Agreed) return true;
            }
        }
        return false;
    }
}
