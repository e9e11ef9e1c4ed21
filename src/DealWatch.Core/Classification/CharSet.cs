namespace DealWatch.Core.Classification;

/// <summary>
/// A set of UTF-16 code units as a 65,536-bit map (8 KB): one load and a mask per lookup, for the per-character tests of
/// the scans (does a lexicon term start with this CJK character, does a Chinese name end or break here).
/// </summary>
internal sealed class CharSet
{
    private readonly ulong[] _bits = new ulong[1024];

    public CharSet(IEnumerable<char> chars)
    {
        foreach (var c in chars) _bits[c >> 6] |= 1UL << (c & 63);
    }

    public bool Contains(char c) => (_bits[c >> 6] & (1UL << (c & 63))) != 0;
}
