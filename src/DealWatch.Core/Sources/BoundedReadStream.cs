using System.Security.Cryptography;

namespace DealWatch.Core.Sources;

/// <summary>A body that grew past the configured limit; thrown by <see cref="BoundedReadStream"/> the moment it does.</summary>
internal sealed class BodyTooLargeException(long limit)
    : IOException($"the body is larger than the {limit:N0}-byte limit (DealWatch:Sources:MaxBodyBytes); it was refused while reading")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// Reads a body forward only, counting bytes: it throws <see cref="BodyTooLargeException"/> as soon as more than
/// the limit has been read, so an oversize (or decompression-bomb) body is refused while it arrives, not after.
/// It also hashes what it read, so a poll can tell a body identical to the last one.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[]? _digest;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>True once the inner stream reported its end.</summary>
    public bool ReachedEnd { get; private set; }

    /// <summary>The SHA-256 of the whole body, hex; only once <see cref="ReachedEnd"/>.</summary>
    public string? Sha256 => ReachedEnd ? Convert.ToHexStringLower(_digest ??= _hash.GetHashAndReset()) : null;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var read = inner.Read(Clamp(buffer));
        return Count(buffer[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var read = await inner.ReadAsync(Clamp(buffer), cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span[..read]);
    }

    // Never ask for more than one byte past the limit: that byte is enough to know the body is too large.
    private Span<byte> Clamp(Span<byte> buffer) => buffer[..(int)Math.Min(buffer.Length, limit - BytesRead + 1)];

    private Memory<byte> Clamp(Memory<byte> buffer) => buffer[..(int)Math.Min(buffer.Length, limit - BytesRead + 1)];

    private int Count(ReadOnlySpan<byte> read)
    {
        if (read.IsEmpty)
        {
            ReachedEnd = true;
            return 0;
        }

        BytesRead += read.Length;
        if (BytesRead > limit)
        {
            throw new BodyTooLargeException(limit);
        }

        _hash.AppendData(read);
        return read.Length;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
