namespace DealWatch.Core.Sources;

/// <summary>
/// A text reader that first returns a prefix (already read and cleaned), then the rest of another reader; it
/// turns the control characters XML 1.0 forbids (real feeds carry stray ones: U+0007, U+001B) into spaces, so
/// one bad byte does not cost the whole feed.
/// </summary>
internal sealed class PrefixedTextReader(string prefix, TextReader rest) : TextReader
{
    private int _position;

    public override int Peek() => _position < prefix.Length ? Clean(prefix[_position]) : Clean(rest.Peek());

    public override int Read() => _position < prefix.Length ? Clean(prefix[_position++]) : Clean(rest.Read());

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        int n;
        if (_position < prefix.Length)
        {
            n = Math.Min(buffer.Length, prefix.Length - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
        }
        else
        {
            n = rest.Read(buffer);
        }

        CleanAll(buffer[..n]);
        return n;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < prefix.Length)
        {
            return Read(buffer.Span);
        }

        var n = await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        CleanAll(buffer.Span[..n]);
        return n;
    }

    private static int Clean(int c) => c is >= 0 and < 0x20 and not ('\t' or '\n' or '\r') or 0xFFFE or 0xFFFF ? ' ' : c;

    private static void CleanAll(Span<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is < (char)0x20 and not ('\t' or '\n' or '\r') or '\uFFFE' or '\uFFFF')
            {
                text[i] = ' ';
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rest.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A stream that first returns some bytes already read, then the rest of another stream.</summary>
internal sealed class PrefixedStream(byte[] prefix, int offset, int length, Stream rest) : Stream
{
    private int _position = offset;
    private readonly int _end = offset + length;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position < _end)
        {
            var n = Math.Min(buffer.Length, _end - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        return rest.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _position < _end ? ValueTask.FromResult(Read(buffer.Span)) : rest.ReadAsync(buffer, cancellationToken);

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rest.Dispose();
        }

        base.Dispose(disposing);
    }
}
