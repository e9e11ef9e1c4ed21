using System.Text;

namespace DealWatch.Core.Classification;

/// <summary>One organisation named in a story.</summary>
/// <param name="Start">First character of the name.</param>
/// <param name="End">One past its last character.</param>
/// <param name="Id">Party id: the lexicon's id, or a slug of a name never seen before.</param>
/// <param name="Tier">Where it sits in the supply chain.</param>
/// <param name="Known">True when the lexicon knows the organisation.</param>
/// <param name="Strong">True for a known name or an unknown one that looks like a company (a suffix such as "Labs", CamelCase, 雲端).</param>
internal sealed record OrganisationMention(int Start, int End, string Id, Tier Tier, bool Known, bool Strong)
{
    /// <summary>Named as the maker of something ("Nvidia GPUs", "輝達GPU"), not as a party.</summary>
    public bool Component { get; set; }

    /// <summary>Named as what the deal moves away from ("reliance on Microsoft", "擺脫微軟").</summary>
    public bool Excluded { get; set; }

    /// <summary>Named as the deal's guarantor or co-investor ("SoftBank guarantees payments", "谷歌提供擔保"): a party, but neither buyer nor provider.</summary>
    public bool Backer { get; set; }

    /// <summary>Named as the way the compute is reached ("透過AWS使用…", "through AWS"): the verb after it has another subject.</summary>
    public bool Channel { get; set; }
}

/// <summary>
/// Finds the organisations a story names: the lexicon's (every alias, both languages), names it has never seen
/// (capitalised runs ending in a company word or looking like a brand, "Halden Compute", "Ostra Labs", "TeraWulf";
/// Chinese names ending in 算力, 雲端, 資料中心, 晶片, 科技 ...), and short forms of either ("Halden's clusters", "北辰").
/// </summary>
internal static class OrganisationFinder
{
    /// <summary>The organisations named in the document, by position; into <paramref name="into"/> (cleared first) when given.</summary>
    public static List<OrganisationMention> Find(StoryDocument document, List<TermHit> hits, Lexicon lexicon, IReadOnlyList<(int Start, int End)>? extraOrganisations = null,
        List<OrganisationMention>? into = null)
    {
        var mentions = into ?? new List<OrganisationMention>(8);
        mentions.Clear();
        var scratch = t_scratch ??= new Scratch();
        var blocked = scratch.Blocked;
        blocked.Clear();
        foreach (var hit in hits)
        {
            if (hit.Term.Organisation is { } org)
            {
                mentions.Add(new OrganisationMention(hit.Start, hit.End, org.Id, org.Tier, Known: true, Strong: true));
                blocked.Add((hit.Start, hit.End));
            }
            else if ((hit.Term.Flags & TermFlags.NotParty) != 0)
            {
                blocked.Add((hit.Start, hit.End));
            }
        }

        FindLatinNames(document, hits, lexicon, blocked, mentions);
        FindChineseNames(document, lexicon, blocked, mentions);
        if (extraOrganisations is not null)
        {
            foreach (var (start, end) in extraOrganisations)
            {
                if (start < 0 || end > document.Length || end <= start || Overlaps(mentions, start, end) || Overlaps(blocked, start, end)) continue;
                var name = document.Text[start..end].Trim();
                if (name.Length < 2) continue;
                mentions.Add(new OrganisationMention(start, end, Slug(name), TierOfName(name, lexicon), Known: false, Strong: true));
            }
        }

        mentions.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        MergeShortForms(document, mentions);
        MarkRoles(document, hits, lexicon, mentions);
        return mentions;
    }

    /// <summary>A party id for a name: lower case, words joined by '-'; a Chinese name stays as written.</summary>
    public static string Slug(string name)
    {
        // At most one character out per character in, plus one dash between words: never longer than twice the name.
        Span<char> buffer = name.Length <= 128 ? stackalloc char[name.Length * 2] : new char[name.Length * 2];
        var length = 0;
        var dash = false;
        foreach (var raw in name)
        {
            var c = StoryDocument.Fold(raw);
            if (StoryDocument.IsWordChar(c) || StoryDocument.IsCjkIdeograph(c))
            {
                if (dash && length > 0) buffer[length++] = '-';
                buffer[length++] = char.ToLowerInvariant(c);
                dash = false;
            }
            else if (c is ' ' or '-' or '_' or '/')
            {
                dash = true;
            }
        }
        return new string(buffer[..length]);
    }

    private static void FindLatinNames(StoryDocument document, List<TermHit> hits, Lexicon lexicon, List<(int Start, int End)> blocked, List<OrganisationMention> mentions)
    {
        var text = document.Text;
        var scratch = t_scratch!;
        var weak = scratch.Weak;
        weak.Clear();
        var sentenceStart = 0;
        var titleCase = new TitleCaseCache(document);
        var stopwords = lexicon.NameStopwords.GetAlternateLookup<ReadOnlySpan<char>>();
        var products = lexicon.ProductNames.GetAlternateLookup<ReadOnlySpan<char>>();
        var suffixWords = lexicon.NameSuffixWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var tokens = scratch.Tokens;
        var segment = scratch.Segment;
        tokens.Clear();
        segment.Clear();
        var i = 0;
        while (i < text.Length)
        {
            // A name starts with a capital at the start of a word: jump to the next capital, noting the sentence ends passed.
            var capital = text.AsSpan(i).IndexOfAnyInRange('A', 'Z');
            var stop = capital < 0 ? text.Length : i + capital;
            sentenceStart = document.SentenceStartAfter(i, stop, sentenceStart);
            if (capital < 0) break;
            i = stop;
            if (i > 0 && StoryDocument.IsWordChar(text[i - 1]))
            {
                i++;
                continue;
            }

            // A run of capitalised tokens separated by single spaces: "Brightwater GPU Cloud", "Hut 8".
            tokens.Clear();
            var j = i;
            while (j < text.Length)
            {
                var tokenEnd = j;
                while (tokenEnd < text.Length && StoryDocument.IsWordChar(text[tokenEnd]) && (tokenEnd == j || !document.WidthChangesAt(tokenEnd))) tokenEnd++;
                // A short number continues a name only as its last word ("Hut 8"), not before a unit ("Corvane AI 15億").
                var capitalised = char.IsAsciiLetterUpper(text[j])
                    || (tokens.Count > 0 && tokenEnd - j <= 3 && text.AsSpan(j, tokenEnd - j).IndexOfAnyExceptInRange('0', '9') < 0
                        && (tokenEnd >= text.Length || !StoryDocument.IsCjk(text[tokenEnd])));
                if (!capitalised || Overlaps(blocked, j, tokenEnd)) break;
                tokens.Add((j, tokenEnd));
                if (tokenEnd + 1 < text.Length && text[tokenEnd] is ' ' or '&' && StoryDocument.IsWordChar(text[tokenEnd + 1]))
                {
                    j = tokenEnd + 1;
                }
                else if (tokenEnd + 2 < text.Length && text[tokenEnd] == ' ' && text[tokenEnd + 1] == '&' && text[tokenEnd + 2] == ' ')
                {
                    j = tokenEnd + 3;
                }
                else
                {
                    break;
                }
            }

            if (tokens.Count == 0)
            {
                while (i < text.Length && StoryDocument.IsWordChar(text[i])) i++;
                continue;
            }

            // "Stratus Grid GPU cloud": a chip word that ends a name before a lower-case word describes the name's product.
            if (tokens.Count > 1 && EndsWithProductWord(document, tokens[^1])) tokens.RemoveAt(tokens.Count - 1);

            segment.Clear();
            var productModel = false;
            foreach (var token in tokens)
            {
                var word = document.Lower.AsSpan(token.Start, token.End - token.Start);
                // "Blackwell Ultra", "Rubin CPX": capitalised words after a product family are its model, not a company,
                // up to the next ordinary word ("Blackwell GPUs From Zeta Compute").
                if (productModel && !stopwords.Contains(word)) continue;
                productModel = false;
                if (products.Contains(word) || IsModelNumber(word) || IsHyphenatedModel(document.Text, token))
                {
                    AddCandidate(document, lexicon, segment, sentenceStart, ref titleCase, mentions, weak);
                    productModel = true;
                    continue;
                }
                if (segment.Count > 0 && (suffixWords.Contains(word) || StoryDocument.IsDigit(word[0])))
                {
                    segment.Add(token);
                }
                else if (stopwords.Contains(word) || StoryDocument.IsDigit(word[0]))
                {
                    AddCandidate(document, lexicon, segment, sentenceStart, ref titleCase, mentions, weak);
                }
                else
                {
                    segment.Add(token);
                }
            }
            AddCandidate(document, lexicon, segment, sentenceStart, ref titleCase, mentions, weak);
            i = tokens[^1].End;
        }

        // A lone capitalised word is a name when the sentence gives it a party's slot: right before a deal verb
        // ("Orvix signs ...") or right after a relation word ("... with Pellam", "... from Orvix").
        for (var m = 0; m < mentions.Count; m++)
        {
            if (!mentions[m].Known && !mentions[m].Strong && InPartySlot(document, hits, mentions[m].Start, mentions[m].End))
            {
                mentions[m] = mentions[m] with { Strong = true };
            }
        }
        var kept = 0;
        for (var w = 0; w < weak.Count; w++)
        {
            var (start, end) = weak[w];
            if (InPartySlot(document, hits, start, end))
            {
                var name = text[start..end];
                mentions.Add(new OrganisationMention(start, end, Slug(name), TierOfName(name, lexicon), Known: false, Strong: true));
            }
            else
            {
                weak[kept++] = (start, end);
            }
        }
        weak.RemoveRange(kept, weak.Count - kept);

        // A weak candidate (one ordinary capitalised word) stands only as the short form of a stronger name.
        foreach (var (start, end) in weak)
        {
            var word = text.AsSpan(start, end - start);
            foreach (var strong in mentions)
            {
                if (strong.Known || !strong.Strong) continue;
                var strongText = text.AsSpan(strong.Start, strong.End - strong.Start);
                if (strongText.Length > word.Length && strongText.StartsWith(word, StringComparison.Ordinal) && strongText[word.Length] == ' ')
                {
                    mentions.Add(new OrganisationMention(start, end, strong.Id, strong.Tier, Known: false, Strong: false));
                    break;
                }
            }
        }
    }

    private static bool InPartySlot(StoryDocument document, List<TermHit> hits, int start, int end)
    {
        foreach (var hit in hits)
        {
            if (hit.End <= start - 2) continue;
            if (hit.Start > end + 1) break;
            var adjacentAfter = hit.Start >= end && document.Text.AsSpan(end, hit.Start - end).Trim().Length == 0;
            var adjacentBefore = hit.End <= start && document.Text.AsSpan(hit.End, start - hit.End).Trim().Length == 0;
            if (adjacentAfter && (hit.Term.Relation is Relation.BuyerFirst or Relation.ProviderFirst || hit.Term.Cues.Exists(c => c.Cue == Cue.DealVerb))) return true;
            if (adjacentBefore && hit.Term.Relation != Relation.None && StoryDocument.IsAsciiLetter(hit.Term.Text[0])) return true;
        }
        return false;
    }

    /// <summary>Turns the collected segment into a candidate name (strong, weak, or none) and empties it.</summary>
    private static void AddCandidate(StoryDocument document, Lexicon lexicon, List<(int Start, int End)> segment, int sentenceStart, ref TitleCaseCache titleCase,
        List<OrganisationMention> mentions, List<(int Start, int End)> weak)
    {
        if (segment.Count == 0) return;
        AddCandidateCore(document, lexicon, segment, sentenceStart, titleCase.IsTitleCase(sentenceStart), mentions, weak);
        segment.Clear();
    }

    private static void AddCandidateCore(StoryDocument document, Lexicon lexicon, List<(int Start, int End)> segment, int sentenceStart, bool titleCase,
        List<OrganisationMention> mentions, List<(int Start, int End)> weak)
    {
        var start = segment[0].Start;
        var end = segment[^1].End;
        var suffixWords = lexicon.NameSuffixWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var lastWord = document.Lower.AsSpan(segment[^1].Start, segment[^1].End - segment[^1].Start);
        // "GPU" may sit inside a name ("Brightwater GPU Cloud") but does not end one ("Rubin CPX GPU" is a chip).
        var hasSuffix = segment.Count > 1 && suffixWords.Contains(lastWord) && !lastWord.SequenceEqual("gpu");
        var brandLike = false;
        foreach (var token in segment) brandLike |= IsBrandLike(document.Text.AsSpan(token.Start, token.End - token.Start));
        var firstInSentence = start <= sentenceStart + 1 || document.Text.AsSpan(sentenceStart, start - sentenceStart).Trim().Length == 0;
        var firstIsSuffix = suffixWords.Contains(document.Lower.AsSpan(segment[0].Start, segment[0].End - segment[0].Start));
        if (firstIsSuffix && !brandLike) return;
        var name = document.Text[start..end];
        // A brand-like word alone ("GovCloud", "UltraServers") is a product as often as a company: strong only in the title.
        var strong = hasSuffix || (brandLike && (segment.Count > 1 || document.InTitle(start))) || (segment.Count > 1 && !titleCase);
        if (strong)
        {
            mentions.Add(new OrganisationMention(start, end, Slug(name), TierOfName(name, lexicon), Known: false, Strong: true));
        }
        else if (!titleCase && !firstInSentence && segment.Count == 1)
        {
            mentions.Add(new OrganisationMention(start, end, Slug(name), TierOfName(name, lexicon), Known: false, Strong: false));
        }
        else
        {
            weak.Add((start, end));
        }
    }

    /// <summary>CamelCase or all capitals with a lower-case letter elsewhere in the story's words: "TeraWulf", "DataWorks", "IREN".</summary>
    private static bool IsBrandLike(ReadOnlySpan<char> word)
    {
        if (word.Length < 3) return false;
        var inner = word[1..];
        var upperInside = inner.IndexOfAnyInRange('A', 'Z') >= 0;
        var lowerInside = inner.IndexOfAnyInRange('a', 'z') >= 0;
        return upperInside && lowerInside && !word.EndsWith("s", StringComparison.Ordinal) || (upperInside && !lowerInside && word.Length >= 4 && word.IndexOfAnyInRange('0', '9') < 0);
    }

    /// <summary>Whether the current sentence is in Title Case, worked out once per sentence and only when a candidate name needs it.</summary>
    private struct TitleCaseCache(StoryDocument document)
    {
        private int _sentence = -1;
        private bool _value;

        public bool IsTitleCase(int sentenceStart)
        {
            if (_sentence != sentenceStart)
            {
                _sentence = sentenceStart;
                _value = IsTitleCaseSentence(document, sentenceStart);
            }
            return _value;
        }
    }

    /// <summary>A headline in Title Case ("Microsoft Signs $9.7 Billion Deal With IREN") capitalises ordinary words, which then say nothing about names.</summary>
    private static bool IsTitleCaseSentence(StoryDocument document, int sentenceStart)
    {
        var text = document.Text;
        int words = 0, capitalised = 0;
        var sentenceEnd = document.NextSentenceBreak(sentenceStart, text.Length);
        for (var i = sentenceStart; i < sentenceEnd; i++)
        {
            if (!StoryDocument.IsAsciiLetter(text[i]) || (i > 0 && StoryDocument.IsWordChar(text[i - 1]))) continue;
            var end = i;
            while (end < text.Length && StoryDocument.IsAsciiLetter(text[end])) end++;
            if (end - i >= 4)
            {
                words++;
                if (char.IsAsciiLetterUpper(text[i])) capitalised++;
            }
            i = end;
        }
        return words >= 3 && capitalised * 10 >= words * 8;
    }

    private static void FindChineseNames(StoryDocument document, Lexicon lexicon, List<(int Start, int End)> blocked, List<OrganisationMention> mentions)
    {
        var text = document.Text;
        for (var i = 1; i < text.Length; i++)
        {
            if (!StoryDocument.IsCjkIdeograph(text[i]) || !lexicon.ChineseSuffixStarts.Contains(text[i])) continue;
            foreach (var (suffix, tier) in lexicon.ChineseSuffixes)
            {
                if (suffix[0] != text[i]) continue;
                if (string.CompareOrdinal(text, i, suffix, 0, suffix.Length) != 0) continue;
                var end = i + suffix.Length;
                var start = i;
                while (start > 0 && StoryDocument.IsCjkIdeograph(text[start - 1]) && !lexicon.ChineseBreakChars.Contains(text[start - 1]) && !Overlaps(blocked, start - 1, start)) start--;
                var prefixLength = i - start;
                // A name does not follow a number: "1.2吉瓦算力" is a quantity of compute.
                if (start > 0 && StoryDocument.IsDigit(text[start - 1])) break;
                if (prefixLength is < 2 or > 4 || Overlaps(blocked, start, end) || Overlaps(mentions, start, end)) break;
                var prefixSpan = text.AsSpan(start, prefixLength);
                if (ContainsStopword(prefixSpan, lexicon) || "州市縣國省島區".Contains(prefixSpan[^1])) break;
                var prefix = prefixSpan.ToString();
                var id = text[start..end];
                mentions.Add(new OrganisationMention(start, end, id, tier == Tier.Unknown ? Tier.Unknown : tier, Known: false, Strong: true));
                AddChineseShortForms(document, prefix, id, tier, blocked, mentions);
                i = end - 1;
                break;
            }
        }
    }

    private static bool ContainsStopword(ReadOnlySpan<char> prefix, Lexicon lexicon)
    {
        var stopwords = lexicon.ChinesePrefixStopwords.GetAlternateLookup<ReadOnlySpan<char>>();
        if (stopwords.Contains(prefix)) return true;
        for (var i = 0; i + 2 <= prefix.Length; i++)
        {
            if (stopwords.Contains(prefix.Slice(i, 2))) return true;
        }
        return false;
    }

    /// <summary>After 北辰資料中心, a bare 北辰 elsewhere is the same organisation.</summary>
    private static void AddChineseShortForms(StoryDocument document, string prefix, string id, Tier tier, List<(int Start, int End)> blocked, List<OrganisationMention> mentions)
    {
        var text = document.Text;
        var at = 0;
        while ((at = text.IndexOf(prefix, at, StringComparison.Ordinal)) >= 0)
        {
            var end = at + prefix.Length;
            if (!Overlaps(mentions, at, end) && !Overlaps(blocked, at, end))
            {
                mentions.Add(new OrganisationMention(at, end, id, tier, Known: false, Strong: false));
            }
            at = end;
        }
    }

    /// <summary>"Ferrolux" in the title and "Ferrolux Chips" in the summary are one organisation: the longer name's id wins.</summary>
    private static void MergeShortForms(StoryDocument document, List<OrganisationMention> mentions)
    {
        for (var a = 0; a < mentions.Count; a++)
        {
            var shortOne = mentions[a];
            if (shortOne.Known) continue;
            var shortText = document.Text.AsSpan(shortOne.Start, shortOne.End - shortOne.Start);
            foreach (var longOne in mentions)
            {
                if (ReferenceEquals(longOne, shortOne) || longOne.Id == shortOne.Id || longOne.End - longOne.Start <= shortText.Length) continue;
                var longText = document.Text.AsSpan(longOne.Start, longOne.End - longOne.Start);
                if (longText.StartsWith(shortText, StringComparison.Ordinal) && !StoryDocument.IsWordChar(longText[shortText.Length]))
                {
                    mentions[a] = shortOne with { Id = longOne.Id, Tier = longOne.Tier, Strong = longOne.Strong };
                    break;
                }
            }
        }
    }

    private static void MarkRoles(StoryDocument document, List<TermHit> hits, Lexicon lexicon, List<OrganisationMention> mentions)
    {
        var lower = document.Lower;
        foreach (var mention in mentions)
        {
            var k = mention.End;
            while (k < lower.Length && lower[k] == ' ') k++;
            if (k < lower.Length && lower[k] == '\'') continue;
            if (mention.Tier == Tier.Customer) continue;
            if (k >= lower.Length || !lexicon.ComponentWords.TryGetValue(lower[k], out var words)) continue;
            foreach (var word in words)
            {
                var after = k + word.Length;
                if (string.CompareOrdinal(lower, k, word, 0, word.Length) == 0
                    && (after >= lower.Length || !StoryDocument.IsAsciiLetter(word[^1]) || (!StoryDocument.IsAsciiLetter(lower[after]) && lower[after] != '-')))
                {
                    mention.Component = true;
                    // "其新機房的輝達GB300", "its Nvidia GPUs", "Nebius's Nvidia systems": chips someone else owns; their maker is not in the deal.
                    if (OwnedByAnother(lower, mention.Start)) mention.Excluded = true;
                    break;
                }
            }
        }

        foreach (var mention in mentions)
        {
            // "Nvidia-backed Lambda": the backer describes the party.
            if (StoryDocument.FollowedBy(lower, mention.End, lexicon.NotPartyGluedAfter) || IsBackerInAside(lower, mention)) mention.Excluded = true;
        }
        foreach (var hit in hits)
        {
            if ((hit.Term.Flags & TermFlags.NotPartyAfter) != 0)
            {
                foreach (var mention in mentions)
                {
                    if (mention.End <= hit.Start && hit.Start - mention.End <= 1 && lower.AsSpan(mention.End, hit.Start - mention.End).Trim().Length == 0) mention.Excluded = true;
                }
            }
            if ((hit.Term.Flags & TermFlags.ChannelBefore) != 0)
            {
                foreach (var mention in mentions)
                {
                    if (mention.Start < hit.End) continue;
                    if (mention.Start - hit.End <= 1 && lower.AsSpan(hit.End, mention.Start - hit.End).Trim().Length == 0) mention.Channel = true;
                    break;
                }
            }
            if ((hit.Term.Flags & TermFlags.NotPartyBefore) == 0) continue;
            foreach (var mention in mentions)
            {
                if (mention.Start < hit.End) continue;
                var gap = lower.AsSpan(hit.End, mention.Start - hit.End);
                if (gap.Length <= 6 && (gap.Trim().Length == 0 || gap.Trim() is "the" or "its" or "their")) mention.Excluded = true;
                break;
            }
        }
    }

    private static bool OwnedByAnother(string lower, int start)
    {
        if (start > 0 && lower[start - 1] == '的') return true;
        var before = lower.AsSpan(0, start).TrimEnd();
        return before.Length < start && (before.EndsWith("'s", StringComparison.Ordinal) || before.EndsWith(" its", StringComparison.Ordinal)
            || before.EndsWith(" their", StringComparison.Ordinal));
    }

    private static readonly string[] AsideBackers = [", backed by ", ", owned by ", ", funded by ", ", controlled by "];

    /// <summary>"OpenAI, backed by Microsoft, signs …": the backer in an aside between commas describes the name before it.</summary>
    private static bool IsBackerInAside(string lower, OrganisationMention mention)
    {
        return mention.End < lower.Length && lower[mention.End] == ',' && StoryDocument.Preceded(lower, mention.Start, AsideBackers);
    }

    private static readonly string[] ChipWords = ["gpu", "gpus", "tpu", "tpus"];

    /// <summary>"CS-4", "TPU-v5", "MI-300": a short capitalised code joined by a hyphen to a number.</summary>
    private static bool IsHyphenatedModel(string text, (int Start, int End) token)
    {
        var length = token.End - token.Start;
        if (length is < 2 or > 4 || token.End + 1 >= text.Length || text[token.End] != '-') return false;
        for (var i = token.Start; i < token.End; i++)
        {
            if (!char.IsAsciiLetterUpper(text[i])) return false;
        }
        var next = text[token.End + 1];
        return StoryDocument.IsDigit(next) || (next is 'v' or 'V' && token.End + 2 < text.Length && StoryDocument.IsDigit(text[token.End + 2]));
    }

    /// <summary>"MI455X", "GB300", "H200": one to three letters, three or more digits, up to three letters: a chip's model number (G42, two digits, stays a name).</summary>
    private static bool IsModelNumber(ReadOnlySpan<char> word)
    {
        var i = 0;
        while (i < word.Length && StoryDocument.IsAsciiLetter(word[i])) i++;
        if (i is 0 or > 3) return false;
        var digits = i;
        while (i < word.Length && StoryDocument.IsDigit(word[i])) i++;
        if (i - digits < 3) return false;
        var letters = i;
        while (i < word.Length && StoryDocument.IsAsciiLetter(word[i])) i++;
        return i == word.Length && i - letters <= 3;
    }

    private static bool EndsWithProductWord(StoryDocument document, (int Start, int End) last)
    {
        var word = document.Lower.AsSpan(last.Start, last.End - last.Start);
        var lowerCaseNext = last.End + 1 < document.Length && document.Text[last.End] == ' ' && char.IsAsciiLetterLower(document.Text[last.End + 1]);
        if (!lowerCaseNext) return false;
        foreach (var chip in ChipWords)
        {
            if (word.SequenceEqual(chip)) return true;
        }
        return false;
    }

    /// <summary>The tier a new name's last word suggests: "… Labs" a customer, "… Cloud" a neocloud, "… Data Centers" a data-centre firm, "… Silicon" a chipmaker.</summary>
    internal static Tier TierOfName(string name, Lexicon lexicon)
    {
        // A cheap first test: a suffix ending in an ASCII letter needs that letter, in either case, at the end of the name.
        var last = name.Length > 0 && char.IsAsciiLetterUpper(name[^1]) ? (char)(name[^1] | 0x20) : name.Length > 0 ? name[^1] : '\0';
        foreach (var (suffix, tier) in lexicon.SuffixTiers)
        {
            if (char.IsAsciiLetterLower(suffix[^1]) && suffix[^1] != last) continue;
            // A suffix as the last word ("Arbor Labs"), or a long one written as one word ("Sarnia DataWorks").
            var glued = suffix.Length > 5 && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
            var spaced = name.Length > suffix.Length && name[^(suffix.Length + 1)] == ' ' && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
            if (glued || spaced) return tier;
        }
        foreach (var (suffix, tier) in lexicon.ChineseSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal)) return tier;
        }
        return Tier.Unknown;
    }

    private static bool Overlaps(List<(int Start, int End)> spans, int start, int end)
    {
        foreach (var (s, e) in spans)
        {
            if (start < e && s < end) return true;
        }
        return false;
    }

    private static bool Overlaps(List<OrganisationMention> spans, int start, int end)
    {
        foreach (var m in spans)
        {
            if (start < m.End && m.Start < end) return true;
        }
        return false;
    }

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>The calling thread's working lists, reused from story to story (nothing in them outlives one <see cref="Find"/>).</summary>
    private sealed class Scratch
    {
        public List<(int Start, int End)> Blocked { get; } = new(16);
        public List<(int Start, int End)> Weak { get; } = new(8);
        public List<(int Start, int End)> Tokens { get; } = new(8);
        public List<(int Start, int End)> Segment { get; } = new(8);
    }
}
