using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DealWatch.Tests.Fakes;

/// <summary>
/// A local SendGrid v3 <c>POST /v3/mail/send</c> on 127.0.0.1: checks <c>Authorization: Bearer KEY</c> (401 with
/// SendGrid's error body otherwise), validates and parses the mail JSON (400 like SendGrid for a missing from,
/// personalization or content, or text/html before text/plain), answers 202 with an <c>X-Message-Id</c>, and records
/// every request. Answers can be scripted per request (<see cref="Enqueue"/>), and <see cref="OnRequest"/> runs when
/// a request has arrived and before it is answered (to cancel the sender's token, say, as if it crashed after
/// SendGrid took the mail).
/// </summary>
/// <example>
/// <code>
/// await using var sendGrid = await FakeSendGridServer.StartAsync();
/// sendGrid.Enqueue(FakeResponse.TooManyRequests(retryAfterSeconds: 1), FakeResponse.Accepted());
/// var configuration = new ConfigurationBuilder().AddInMemoryCollection(sendGrid.Settings()).Build();
/// // ... send through AddDealWatchDelivery(configuration) ...
/// Assert.Equal(2, sendGrid.Requests.Count);
/// Assert.Equal("alert-1", sendGrid.Requests[^1].CustomArgs["alert_id"]);
/// </code>
/// </example>
public sealed class FakeSendGridServer : IAsyncDisposable
{
    private readonly FakeHttpServer server;
    private readonly List<SendGridRequest> requests = [];
    private readonly Lock gate = new();
    private int messageNumber;

    private FakeSendGridServer(FakeHttpServer server, string apiKey)
    {
        this.server = server;
        ApiKey = apiKey;
    }

    /// <summary>The API key it accepts.</summary>
    public string ApiKey { get; }

    /// <summary>The value for <c>DealWatch:Email:SendGridBaseUrl</c>.</summary>
    public Uri BaseUrl => server.BaseUrl;

    /// <summary>Every request received so far, in order (a snapshot).</summary>
    public IReadOnlyList<SendGridRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Runs for each request after it is recorded and before it is answered.</summary>
    public Func<SendGridRequest, Task>? OnRequest { get; set; }

    /// <summary>Starts the fake; give the key the app is configured with, or take the default.</summary>
    public static async Task<FakeSendGridServer> StartAsync(string apiKey = "SG.fake-key.DoNotLogMe-7f3a9c")
    {
        FakeSendGridServer? fake = null;
        var server = await FakeHttpServer.StartAsync((s, context) => fake!.HandleAsync(context)).ConfigureAwait(false);
        fake = new FakeSendGridServer(server, apiKey);
        return fake;
    }

    /// <summary>The settings that point DealWatch at this fake (API key, base URL, From).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(string from = "alerts@dealwatch.test", string fromName = "DealWatch") =>
    [
        new("DealWatch:Email:SendGridApiKey", ApiKey),
        new("DealWatch:Email:SendGridBaseUrl", BaseUrl.AbsoluteUri),
        new("DealWatch:Email:From", from),
        new("DealWatch:Email:FromName", fromName),
    ];

    /// <summary>Answers for the next requests, in order; once used up, requests get 202.</summary>
    public FakeSendGridServer Enqueue(params FakeResponse[] responses)
    {
        server.Enqueue(responses);
        return this;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var bytes = await FakeHttpServer.ReadBodyAsync(context.Request).ConfigureAwait(false);
        var raw = Encoding.UTF8.GetString(bytes);
        var authorization = context.Request.Headers.Authorization.ToString();
        JsonNode? body = null;
        try
        {
            body = JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
        }

        FakeResponse response;
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != "/v3/mail/send")
        {
            response = FakeResponse.SendGridError(404, "not found");
        }
        else if (authorization != $"Bearer {ApiKey}")
        {
            response = FakeResponse.SendGridError(401, "The provided authorization grant is invalid, expired, or revoked");
        }
        else if (Invalid(body) is { } problem)
        {
            response = FakeResponse.SendGridBadRequest(problem.Message, problem.Field, "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html");
        }
        else
        {
            response = server.Next() ?? FakeResponse.Accepted();
        }

        var request = Parse(context.Request.Path, authorization, raw, body, response.StatusCode);
        lock (gate)
        {
            requests.Add(request);
        }

        if (OnRequest is { } hook)
        {
            await hook(request).ConfigureAwait(false);
        }

        var extra = response.StatusCode == 202
            ? new Dictionary<string, string> { ["X-Message-Id"] = $"fake-{Interlocked.Increment(ref messageNumber)}-{Guid.NewGuid():N}"[..24] }
            : null;
        await FakeHttpServer.WriteAsync(context, response, extra).ConfigureAwait(false);
    }

    private static (string Message, string? Field)? Invalid(JsonNode? body)
    {
        if (body is not JsonObject mail)
        {
            return ("Bad Request", null);
        }

        if (mail["personalizations"] is not JsonArray { Count: > 0 } personalizations
            || personalizations.Any(p => p?["to"] is not JsonArray { Count: > 0 } to || to.Any(t => string.IsNullOrWhiteSpace(t?["email"]?.GetValue<string>()))))
        {
            return ("The personalizations field is required and must have at least one personalization with a to address.", "personalizations");
        }

        if (string.IsNullOrWhiteSpace(mail["from"]?["email"]?.GetValue<string>()))
        {
            return ("The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.", "from.email");
        }

        if (string.IsNullOrWhiteSpace(mail["subject"]?.GetValue<string>()) && personalizations.Any(p => string.IsNullOrWhiteSpace(p?["subject"]?.GetValue<string>())))
        {
            return ("The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.", "subject");
        }

        if (mail["content"] is not JsonArray { Count: > 0 } content || content.Any(c => string.IsNullOrEmpty(c?["value"]?.GetValue<string>())))
        {
            return ("The content value must be a string at least one character in length.", "content.0.value");
        }

        var types = content.Select(c => c?["type"]?.GetValue<string>()).ToList();
        var plain = types.IndexOf("text/plain");
        var html = types.IndexOf("text/html");
        if (plain > 0 || (html >= 0 && plain > html))
        {
            return ("If present, text/plain and text/html may only be provided in this order: text/plain, text/html.", "content");
        }

        return null;
    }

    private static SendGridRequest Parse(string path, string authorization, string raw, JsonNode? body, int status)
    {
        var personalizations = body?["personalizations"] as JsonArray ?? [];
        var content = body?["content"] as JsonArray ?? [];
        var customArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in personalizations.Select(p => p?["custom_args"]).Append(body?["custom_args"]).OfType<JsonObject>())
        {
            foreach (var (key, value) in source)
            {
                customArgs[key] = value?.GetValue<string>() ?? "";
            }
        }

        string? Content(string type) => content.FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["value"]?.GetValue<string>();

        return new SendGridRequest(
            DateTimeOffset.UtcNow,
            path,
            authorization,
            raw,
            body,
            body?["from"]?["email"]?.GetValue<string>(),
            body?["from"]?["name"]?.GetValue<string>(),
            personalizations.SelectMany(p => p?["to"] as JsonArray ?? []).Select(t => t?["email"]?.GetValue<string>() ?? "").ToArray(),
            body?["subject"]?.GetValue<string>() ?? personalizations.FirstOrDefault()?["subject"]?.GetValue<string>(),
            content.Select(c => c?["type"]?.GetValue<string>() ?? "").ToArray(),
            Content("text/plain"),
            Content("text/html"),
            (body?["categories"] as JsonArray ?? []).Select(c => c?.GetValue<string>() ?? "").ToArray(),
            customArgs,
            status);
    }
}

/// <summary>One request the fake SendGrid received, parsed.</summary>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="Path">The request path (<c>/v3/mail/send</c>).</param>
/// <param name="Authorization">The Authorization header as sent.</param>
/// <param name="RawBody">The JSON body as sent.</param>
/// <param name="Body">The body parsed, or null when it was not JSON.</param>
/// <param name="From">from.email.</param>
/// <param name="FromName">from.name.</param>
/// <param name="To">Every personalization's to addresses.</param>
/// <param name="Subject">The subject (top level, else the first personalization's).</param>
/// <param name="ContentTypes">The content types in the order sent.</param>
/// <param name="Text">The text/plain content.</param>
/// <param name="Html">The text/html content.</param>
/// <param name="Categories">The categories.</param>
/// <param name="CustomArgs">custom_args, top level and personalizations merged.</param>
/// <param name="ResponseStatus">The status the fake answered.</param>
public sealed record SendGridRequest(
    DateTimeOffset ReceivedAt,
    string Path,
    string Authorization,
    string RawBody,
    JsonNode? Body,
    string? From,
    string? FromName,
    IReadOnlyList<string> To,
    string? Subject,
    IReadOnlyList<string> ContentTypes,
    string? Text,
    string? Html,
    IReadOnlyList<string> Categories,
    IReadOnlyDictionary<string, string> CustomArgs,
    int ResponseStatus);
