using JointInspection.Web.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace JointInspection.Tests.Site;

public sealed class JsonBodyTests
{
    [Fact]
    public async Task A_body_that_stops_short_of_its_length_is_a_problem_about_the_body_not_a_server_error()
    {
        // What Kestrel does when a client goes away part-way through sending: the in-memory test server never does it.
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new CutShortBody("{\"kind\": \"resp"u8.ToArray());

        var (value, problem) = await JsonBody.ReadAsync<Dictionary<string, string>>(context.Request, "submission", CancellationToken.None);

        Assert.Null(value);
        Assert.Equal(StatusCodes.Status400BadRequest, problem!.StatusCode);
        Assert.Equal(
            ["The request body ended before the length it declared. Send the whole submission again."],
            problem.ProblemDetails.Errors["body"]);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_left_to_the_endpoint_which_knows_the_limit()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new CutShortBody([], StatusCodes.Status413PayloadTooLarge);

        var refused = await Assert.ThrowsAsync<BadHttpRequestException>(
            () => JsonBody.ReadAsync<Dictionary<string, string>>(context.Request, "submission", CancellationToken.None));
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, refused.StatusCode);
    }

    /// <summary>Gives its bytes, then fails the way Kestrel's request body does.</summary>
    private sealed class CutShortBody(byte[] start, int status = StatusCodes.Status400BadRequest) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (position == start.Length)
            {
                throw new BadHttpRequestException(status == StatusCodes.Status400BadRequest ? "Unexpected end of request content." : "Too large.", status);
            }

            var given = Math.Min(buffer.Length, start.Length - position);
            start.AsSpan(position, given).CopyTo(buffer);
            position += given;
            return given;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
