using System.Buffers;

namespace DealWatch.Core.Classification;

/// <summary>
/// A story's title and summary joined by one <c>'\n'</c>, in three aligned forms: as written, width-folded
/// (full-width digits, letters and punctuation to ASCII, curly quotes and dashes to plain ones), and the
/// folded form lower-cased. Folding maps one UTF-16 unit to one, so an index means the same in all three.
/// </summary>
internal sealed class StoryDocument
{
    private readonly string _title;
    private readonly string? _summary;

    private StoryDocument(string title, string? summary, string text, string lower, int titleEnd)
    {
        _title = title;
        _summary = summary;
        Text = text;
        Lower = lower;
        TitleEnd = titleEnd;
    }

    /// <summary>Title, <c>'\n'</c>, summary, as written (for amount texts and the enrichment service); built when asked.</summary>
    public string Original => JoinTitleAndSummary(_title, _summary);

    /// <summary>The characters [<paramref name="start"/>, <paramref name="end"/>) as written.</summary>
    public string OriginalSlice(int start, int end) =>
        end <= TitleEnd ? _title[start..end]
        : start > TitleEnd && _summary is not null ? _summary[(start - TitleEnd - 1)..(end - TitleEnd - 1)]
        : Original[start..end];

    /// <summary>
    /// True when a word stops between <paramref name="index"/> − 1 and <paramref name="index"/> because the story changes
    /// width there: "Orbit Labs３年" writes the number in full-width digits, with the Chinese, not as part of the name.
    /// </summary>
    public bool WidthChangesAt(int index) => index > 0 && IsFullWidth(OriginalAt(index - 1)) != IsFullWidth(OriginalAt(index));

    private char OriginalAt(int index) =>
        index < TitleEnd ? _title[index] : index == TitleEnd ? '\n' : _summary![index - TitleEnd - 1];

    private static bool IsFullWidth(char c) => c is >= '\uFF01' and <= '\uFF5E';

    /// <summary>The text the classifier reads: the title, one <c>'\n'</c>, the summary.</summary>
    public static string JoinTitleAndSummary(string title, string? summary) =>
        string.IsNullOrEmpty(summary) ? title + "\n" : string.Concat(title, "\n", summary);

    /// <summary><see cref="Original"/> width-folded; case kept (for names).</summary>
    public string Text { get; }

    /// <summary><see cref="Text"/> with ASCII letters lower-cased (for matching).</summary>
    public string Lower { get; }

    /// <summary>Index of the separator between title and summary; positions before it are in the title.</summary>
    public int TitleEnd { get; }

    public int Length => Text.Length;

    public bool InTitle(int index) => index < TitleEnd;

    public static StoryDocument Create(string title, string? summary)
    {
        var titleEnd = title.Length;
        var text = string.Create(titleEnd + 1 + (summary?.Length ?? 0), (title, summary), static (span, state) =>
        {
            var (head, tail) = state;
            FoldInto(head, span);
            span[head.Length] = '\n';
            FoldInto(tail, span[(head.Length + 1)..]);
        });
        var lower = string.Create(text.Length, text, static (span, source) =>
        {
            // Copy, then lower-case only the capitals (a few per sentence), found with a vectorised search.
            source.CopyTo(span);
            var i = 0;
            int next;
            while ((next = span[i..].IndexOfAnyInRange('A', 'Z')) >= 0)
            {
                i += next;
                span[i] = (char)(span[i] | 0x20);
                i++;
            }
        });
        return new StoryDocument(title, summary, text, lower, titleEnd);
    }

    /// <summary>Copies <paramref name="source"/> folded; printable ASCII and CJK ideographs (nearly all of a story) are copied as they are.</summary>
    private static void FoldInto(ReadOnlySpan<char> source, Span<char> destination)
    {
        source.CopyTo(destination);
        var first = source.IndexOfAnyExceptInRange(' ', '~');
        if (first < 0) return;
        for (var i = first; i < source.Length; i++)
        {
            var c = source[i];
            if (c is (< ' ' or >= '\u007F') and (< '\u3400' or > '\u9FFF')) destination[i] = Fold(c);
        }
    }

    /// <summary>One character to its plain form; always one unit to one unit.</summary>
    internal static char Fold(char c) => c switch
    {
        // Most characters are plain ASCII or CJK ideographs: leave them at once.
        >= ' ' and < '\u007F' or >= '\u3400' and <= '\u9FFF' => c,
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' or '\u00A0' or '\u2009' or '\u202F' or '\n' or '\r' or '\t' => ' ',
        '\u2018' or '\u2019' or '\u02BC' => '\'',
        '\u201C' or '\u201D' => '"',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
        _ => c,
    };

    /// <summary>True when one of <paramref name="words"/> ends right before <paramref name="at"/> in <paramref name="text"/>.</summary>
    public static bool Preceded(string text, int at, string[] words)
    {
        foreach (var word in words)
        {
            if (at > 0 && text[at - 1] != word[^1]) continue;
            if (at >= word.Length && string.CompareOrdinal(text, at - word.Length, word, 0, word.Length) == 0) return true;
        }
        return false;
    }

    /// <summary>True when one of <paramref name="words"/> starts at <paramref name="at"/> in <paramref name="text"/>.</summary>
    public static bool FollowedBy(string text, int at, string[] words)
    {
        foreach (var word in words)
        {
            if (at < text.Length && text[at] != word[0]) continue;
            if (string.CompareOrdinal(text, at, word, 0, word.Length) == 0) return true;
        }
        return false;
    }

    public static bool IsAsciiLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    public static bool IsWordChar(char c) => IsAsciiLetter(c) || IsDigit(c);

    /// <summary>CJK ideographs and their punctuation blocks (not Latin, digits or ASCII punctuation).</summary>
    public static bool IsCjk(char c) => c >= '\u2E80' && c < '\uFF00';

    public static bool IsCjkIdeograph(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>Sentence ends: a full stop followed by a space, ;, 。, ；, ！, ？, or the title/summary separator.</summary>
    public bool IsSentenceBreak(int i)
    {
        var c = Text[i];
        return c switch
        {
            '\n' or ';' or '。' or '；' or '！' or '？' or '|' => true,
            '.' or '!' or '?' => i + 1 >= Text.Length || Text[i + 1] == ' ',
            _ => false,
        };
    }

    /// <summary>Every character that can end a sentence (a full stop, ! and ? only before a space).</summary>
    private static readonly SearchValues<char> SentenceBreakChars = SearchValues.Create("\n;。；！？|.!?");

    /// <summary>True when a sentence ends somewhere in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public bool HasSentenceBreak(int from, int to) => NextSentenceBreak(from, to) < to;

    /// <summary>The first sentence end in [<paramref name="from"/>, <paramref name="to"/>), or <paramref name="to"/> when there is none.</summary>
    public int NextSentenceBreak(int from, int to)
    {
        var i = from;
        while (i < to)
        {
            var next = Text.AsSpan(i, to - i).IndexOfAny(SentenceBreakChars);
            if (next < 0) return to;
            i += next;
            if (IsSentenceBreak(i)) return i;
            i++;
        }
        return to;
    }

    /// <summary>Where the sentence in force at <paramref name="to"/> starts, given the one in force at <paramref name="from"/>: one past the last sentence end in between.</summary>
    public int SentenceStartAfter(int from, int to, int current)
    {
        var i = from;
        while ((i = NextSentenceBreak(i, to)) < to)
        {
            current = i + 1;
            i++;
        }
        return current;
    }
}
