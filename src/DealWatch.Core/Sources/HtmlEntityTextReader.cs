using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DealWatch.Core.Sources;

/// <summary>
/// Rewrites HTML named entities that XML does not know (<c>&amp;nbsp;</c>, <c>&amp;mdash;</c>, <c>&amp;eacute;</c>:
/// hand-made feeds are full of them) as numeric character references (<c>&amp;#160;</c>), so an XML parser
/// without a DTD reads them instead of failing the whole feed. An unknown name (<c>&amp;bogus;</c>) and a bare
/// ampersand ("R&amp;D" written as <c>R&amp;D</c>) become literal text; the five XML entities and character
/// references are left alone. Streaming: an entity split across two reads is held back until its
/// end arrives.
/// </summary>
internal sealed partial class HtmlEntityTextReader(TextReader inner) : TextReader
{
    private const int MaxEntityLength = 34;
    private readonly char[] _chunk = new char[8192];
    private string _pending = "";
    private int _pendingPosition;
    private string _carry = "";
    private bool _innerDone;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        while (_pendingPosition >= _pending.Length)
        {
            if (_innerDone)
            {
                return 0;
            }

            Accept(inner.Read(_chunk));
        }

        return Drain(buffer);
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        while (_pendingPosition >= _pending.Length)
        {
            if (_innerDone)
            {
                return 0;
            }

            Accept(await inner.ReadAsync(_chunk.AsMemory(), cancellationToken).ConfigureAwait(false));
        }

        return Drain(buffer.Span);
    }

    public override int Peek()
    {
        Span<char> one = stackalloc char[1];
        if (_pendingPosition >= _pending.Length && Read(one) == 1)
        {
            _pending = one[0] + _pending[_pendingPosition..];
            _pendingPosition = 0;
        }

        return _pendingPosition < _pending.Length ? _pending[_pendingPosition] : -1;
    }

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    /// <summary>Rewrites the unknown-to-XML entities in <paramref name="text"/>.</summary>
    public static string Fix(string text) =>
        NeedsFix(text)
            ? EntityRegex().Replace(text, m => m.Groups["name"].Success ? Numeric(m.Groups["name"].Value) ?? m.Value : "&amp;")
            : text;

    // The common case, a feed that only uses XML's own entities and character references, allocates nothing here.
    private static bool NeedsFix(ReadOnlySpan<char> text)
    {
        var at = text.IndexOf('&');
        while (at >= 0)
        {
            var rest = text[(at + 1)..];
            if (!(rest.StartsWith("amp;") || rest.StartsWith("lt;") || rest.StartsWith("gt;") || rest.StartsWith("quot;") || rest.StartsWith("apos;") || IsCharacterReference(rest)))
            {
                return true;
            }

            var next = rest.IndexOf('&');
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }

    private static bool IsCharacterReference(ReadOnlySpan<char> rest)
    {
        if (rest.Length < 3 || rest[0] != '#')
        {
            return false;
        }

        var hex = rest[1] is 'x' or 'X';
        var i = hex ? 2 : 1;
        var start = i;
        while (i < rest.Length && i - start < 7 && (hex ? char.IsAsciiHexDigit(rest[i]) : char.IsAsciiDigit(rest[i])))
        {
            i++;
        }

        return i > start && i < rest.Length && rest[i] == ';';
    }

    private void Accept(int read)
    {
        if (read == 0)
        {
            _innerDone = true;
            _pending = Fix(_carry);
            _carry = "";
            _pendingPosition = 0;
            return;
        }

        var text = _carry.Length == 0 ? new string(_chunk, 0, read) : _carry + new string(_chunk, 0, read);
        _carry = "";
        var amp = text.LastIndexOf('&');
        if (amp >= 0 && text.Length - amp < MaxEntityLength && text.IndexOf(';', amp) < 0)
        {
            // Possibly the start of an entity whose end is in the next read.
            _carry = text[amp..];
            text = text[..amp];
        }

        _pending = Fix(text);
        _pendingPosition = 0;
    }

    private int Drain(Span<char> buffer)
    {
        var n = Math.Min(buffer.Length, _pending.Length - _pendingPosition);
        _pending.AsSpan(_pendingPosition, n).CopyTo(buffer);
        _pendingPosition += n;
        return n;
    }

    private static string? Numeric(string name)
    {
        if (name is "amp" or "lt" or "gt" or "quot" or "apos")
        {
            return null;
        }

        var decoded = WebUtility.HtmlDecode("&" + name + ";");
        if (decoded.Length == 0 || decoded[0] == '&')
        {
            return "&amp;" + name + ";";
        }

        var builder = new StringBuilder();
        for (var i = 0; i < decoded.Length; i++)
        {
            var codePoint = char.IsSurrogatePair(decoded, i) ? char.ConvertToUtf32(decoded[i], decoded[++i]) : decoded[i];
            builder.Append("&#").Append(codePoint).Append(';');
        }

        return builder.ToString();
    }

    // A named entity, or an ampersand that starts no entity or character reference at all.
    [GeneratedRegex("&(?<name>[A-Za-z][A-Za-z0-9]{1,31});|&(?!#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)", RegexOptions.CultureInvariant)]
    private static partial Regex EntityRegex();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
