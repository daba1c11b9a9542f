namespace JointInspection.Web.Features.Programme;

/// <summary>Holds every write until there are more bytes than it holds; from then on passes them on as written.</summary>
internal sealed class HoldingStream(Stream inner, int most) : Stream
{
    private MemoryStream? held = new();

    /// <summary>Every byte written, none passed on; null once they were too many and went on.</summary>
    public byte[]? Held => held?.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    // Passed on as the stream underneath takes it: Kestrel's refuses a synchronous write unless told to allow them.
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (held is not null && held.Length + buffer.Length <= most)
        {
            held.Write(buffer);
            return;
        }

        if (held is not null)
        {
            inner.Write(held.GetBuffer().AsSpan(0, (int)held.Length));
            held.Dispose();
            held = null;
        }

        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (held is not null && held.Length + buffer.Length <= most)
        {
            held.Write(buffer.Span);
            return;
        }

        if (held is not null)
        {
            await inner.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken);
            await held.DisposeAsync();
            held = null;
        }

        await inner.WriteAsync(buffer, cancellationToken);
    }

    // A flush while holding would send the headers before the response is whole.
    public override void Flush()
    {
        if (held is null)
        {
            inner.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        held is null ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            held?.Dispose();
        }

        base.Dispose(disposing);
    }
}
