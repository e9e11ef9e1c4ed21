using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using DealWatch.Cli.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DealWatch.Tests.Fakes;

/// <summary>One scripted answer of a fake provider: status, headers and body.</summary>
public sealed record FakeResponse(int StatusCode, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>202 Accepted (SendGrid adds an X-Message-Id, Teams an x-ms-workflow-run-id).</summary>
    public static FakeResponse Accepted() => new(202);

    /// <summary>429 with <c>Retry-After: seconds</c>.</summary>
    public static FakeResponse TooManyRequests(int retryAfterSeconds) => new(
        429,
        """{"errors":[{"field":null,"message":"too many requests"}]}""",
        new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) });

    /// <summary>429 as SendGrid sends it: <c>X-RateLimit-Remaining: 0</c> and <c>X-RateLimit-Reset</c> in epoch seconds, no Retry-After.</summary>
    public static FakeResponse RateLimited(DateTimeOffset resetAt) => new(
        429,
        """{"errors":[{"field":null,"message":"too many requests"}]}""",
        new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "600",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = resetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>A 5xx with a short body.</summary>
    public static FakeResponse ServerError(int statusCode = 500) => new(statusCode, """{"errors":[{"field":null,"message":"internal error"}]}""");

    /// <summary>400 with SendGrid's error body <c>{"errors":[{"message","field","help"}]}</c>.</summary>
    public static FakeResponse SendGridBadRequest(string message, string? field = null, string? help = null) =>
        SendGridError(400, message, field, help);

    /// <summary>A status with SendGrid's error body.</summary>
    public static FakeResponse SendGridError(int statusCode, string message, string? field = null, string? help = null) => new(
        statusCode,
        new JsonObject { ["errors"] = new JsonArray { new JsonObject { ["message"] = message, ["field"] = field, ["help"] = help } } }.ToJsonString());

    /// <summary>A status with the Logic Apps / Power Automate error body <c>{"error":{"code","message"}}</c>.</summary>
    public static FakeResponse WorkflowError(int statusCode, string code, string message) => new(
        statusCode,
        new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());
}

/// <summary>One request as a fake server saw it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// Kestrel on 127.0.0.1 with a free port: either endpoints a test maps (every request recorded), or one request
/// handler (the provider fakes), plus the scripted answers the provider fakes share: a queue of
/// <see cref="FakeResponse"/> taken one per request (the default answer when it is empty).
/// </summary>
internal sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly LoopbackWebApp app;
    private readonly ConcurrentQueue<FakeResponse> script = new();

    private FakeHttpServer(LoopbackWebApp app, ConcurrentQueue<RecordedRequest> requests)
    {
        this.app = app;
        Requests = requests;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl => app.BaseUrl;

    /// <summary>Every request received by a server of mapped endpoints, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; }

    public int RequestCount(string path) => Requests.Count(r => r.Path == path);

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    /// <summary>A server whose endpoints the test maps; it records every request (body included).</summary>
    public static Task<FakeHttpServer> StartAsync(Action<WebApplication> map)
    {
        var requests = new ConcurrentQueue<RecordedRequest>();
        return StartAsync(requests, app =>
        {
            app.Use(async (context, next) =>
            {
                context.Request.EnableBuffering();
                using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
                var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
                context.Request.Body.Position = 0;
                requests.Enqueue(new RecordedRequest(
                    context.Request.Method,
                    context.Request.Path.Value ?? "",
                    context.Request.QueryString.Value ?? "",
                    context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                    body));
                await next(context).ConfigureAwait(false);
            });
            map(app);
        });
    }

    /// <summary>A server that hands every request to one handler (which records what it needs itself).</summary>
    public static async Task<FakeHttpServer> StartAsync(Func<FakeHttpServer, HttpContext, Task> handler)
    {
        FakeHttpServer? server = null;
        server = await StartAsync(new ConcurrentQueue<RecordedRequest>(), app => app.Run(context => handler(server!, context))).ConfigureAwait(false);
        return server;
    }

    private static async Task<FakeHttpServer> StartAsync(ConcurrentQueue<RecordedRequest> requests, Action<WebApplication> configure) =>
        new(await LoopbackWebApp.StartAsync(configure).ConfigureAwait(false), requests);

    public void Enqueue(IEnumerable<FakeResponse> responses)
    {
        foreach (var response in responses)
        {
            script.Enqueue(response);
        }
    }

    /// <summary>The next scripted answer, or null when the script is empty.</summary>
    public FakeResponse? Next() => script.TryDequeue(out var response) ? response : null;

    public static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    public static async Task WriteAsync(HttpContext context, FakeResponse response, IReadOnlyDictionary<string, string>? extraHeaders = null)
    {
        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in (extraHeaders ?? new Dictionary<string, string>()).Concat(response.Headers ?? new Dictionary<string, string>()))
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Body).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
