using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DealWatch.Tests.Fakes;

/// <summary>
/// Local Teams Workflows webhooks ("Send webhook alerts to a channel") on 127.0.0.1. Each named webhook gets a URL
/// shaped like a real one, <c>/workflows/{name}/triggers/manual/paths/invoke?api-version=1&amp;...&amp;sig=SECRET</c>;
/// a wrong signature gets 401 like Power Automate. The fake parses the message and its card, refuses (400) a body
/// that is not a <c>message</c> with an Adaptive Card attachment and (413) one over 28 KB, answers 202 with an
/// <c>x-ms-workflow-run-id</c>, and records every request with its exact bytes. Answers can be scripted
/// (<see cref="Enqueue"/>) and <see cref="OnRequest"/> runs before each answer.
/// </summary>
/// <example>
/// <code>
/// await using var teams = await FakeTeamsServer.StartAsync();
/// var configuration = new ConfigurationBuilder().AddInMemoryCollection(teams.Settings("deals-desk")).Build();
/// // ... post through AddDealWatchDelivery(configuration) ...
/// var card = teams.Requests.Single().Card!;
/// Assert.Equal("1.5", card["version"]!.GetValue&lt;string&gt;());
/// </code>
/// </example>
public sealed class FakeTeamsServer : IAsyncDisposable
{
    /// <summary>The message size Teams accepts ("about 28 KB").</summary>
    public const int MaxBodyBytes = 28 * 1024;

    private readonly FakeHttpServer server;
    private readonly ConcurrentDictionary<string, string> signatures = new(StringComparer.Ordinal);
    private readonly List<TeamsRequest> requests = [];
    private readonly Lock gate = new();

    private FakeTeamsServer(FakeHttpServer server) => this.server = server;

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl => server.BaseUrl;

    /// <summary>Every request received so far, in order (a snapshot).</summary>
    public IReadOnlyList<TeamsRequest> Requests
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
    public Func<TeamsRequest, Task>? OnRequest { get; set; }

    public static async Task<FakeTeamsServer> StartAsync()
    {
        FakeTeamsServer? fake = null;
        var server = await FakeHttpServer.StartAsync((s, context) => fake!.HandleAsync(context)).ConfigureAwait(false);
        fake = new FakeTeamsServer(server);
        return fake;
    }

    /// <summary>The secret signature of a webhook's URL (what must never be logged).</summary>
    public string Signature(string webhook) =>
        signatures.GetOrAdd(webhook, _ => "sig" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('='));

    /// <summary>The URL of a named webhook, signature included.</summary>
    public Uri WebhookUrl(string webhook) =>
        new(BaseUrl, $"workflows/{Uri.EscapeDataString(webhook)}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={Signature(webhook)}");

    /// <summary>The settings that point DealWatch's webhooks of these names at this fake (http on loopback allowed).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(params string[] webhooks) =>
        webhooks.Select(name => new KeyValuePair<string, string?>($"DealWatch:Teams:Webhooks:{name}", WebhookUrl(name).AbsoluteUri))
            .Append(new KeyValuePair<string, string?>("DealWatch:Teams:AllowInsecureHttp", "true"));

    /// <summary>Answers for the next requests, in order; once used up, requests get 202.</summary>
    public FakeTeamsServer Enqueue(params FakeResponse[] responses)
    {
        server.Enqueue(responses);
        return this;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var bytes = await FakeHttpServer.ReadBodyAsync(context.Request).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(bytes);
        var segments = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var webhook = segments is ["workflows", var name, "triggers", "manual", "paths", "invoke"] ? Uri.UnescapeDataString(name) : null;
        var signatureValid = webhook is not null && signatures.TryGetValue(webhook, out var expected) && context.Request.Query["sig"] == expected;
        JsonNode? message = null;
        try
        {
            message = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
        }

        var card = (message?["attachments"] as JsonArray)?.FirstOrDefault()?["content"];
        FakeResponse response;
        if (!HttpMethods.IsPost(context.Request.Method) || webhook is null)
        {
            response = FakeResponse.WorkflowError(404, "TriggerNotFound", "The workflow trigger could not be found.");
        }
        else if (!signatureValid)
        {
            response = FakeResponse.WorkflowError(401, "DirectApiInvalidAuthorizationSignature", "The provided authorization signature is not valid.");
        }
        else if (bytes.Length > MaxBodyBytes)
        {
            response = FakeResponse.WorkflowError(413, "RequestEntityTooLarge", "Request Entity too large.");
        }
        else if (Invalid(context.Request.ContentType, message) is { } problem)
        {
            response = FakeResponse.WorkflowError(400, "InvalidRequestContent", problem);
        }
        else
        {
            response = server.Next() ?? FakeResponse.Accepted();
        }

        var request = new TeamsRequest(DateTimeOffset.UtcNow, webhook, signatureValid, context.Request.ContentType, bytes, text, message, card, response.StatusCode);
        lock (gate)
        {
            requests.Add(request);
        }

        if (OnRequest is { } hook)
        {
            await hook(request).ConfigureAwait(false);
        }

        var extra = response.StatusCode is >= 200 and <= 299
            ? new Dictionary<string, string> { ["x-ms-workflow-run-id"] = $"08584{Random.Shared.NextInt64(10_000_000_000, 99_999_999_999)}CU00" }
            : null;
        await FakeHttpServer.WriteAsync(context, response, extra).ConfigureAwait(false);
    }

    private static string? Invalid(string? contentType, JsonNode? message)
    {
        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return "The request content type must be application/json.";
        }

        if (message is not JsonObject root || root["type"]?.GetValue<string>() != "message")
        {
            return "The body must be a JSON object with \"type\": \"message\".";
        }

        if (root["attachments"] is not JsonArray { Count: > 0 } attachments
            || attachments.Any(a => a?["contentType"]?.GetValue<string>() != "application/vnd.microsoft.card.adaptive" || a["content"]?["type"]?.GetValue<string>() != "AdaptiveCard"))
        {
            return "Every attachment must be an Adaptive Card (contentType application/vnd.microsoft.card.adaptive).";
        }

        return null;
    }
}

/// <summary>One request a fake Teams webhook received.</summary>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="Webhook">The webhook name from the path, or null when the path was not a webhook's.</param>
/// <param name="SignatureValid">Whether the sig query parameter matched the webhook's.</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="RawBody">The exact bytes received.</param>
/// <param name="Body">The body as UTF-8 text.</param>
/// <param name="Message">The body parsed, or null when it was not JSON.</param>
/// <param name="Card">The first attachment's content (the Adaptive Card), if any.</param>
/// <param name="ResponseStatus">The status the fake answered.</param>
public sealed record TeamsRequest(
    DateTimeOffset ReceivedAt,
    string? Webhook,
    bool SignatureValid,
    string? ContentType,
    byte[] RawBody,
    string Body,
    JsonNode? Message,
    JsonNode? Card,
    int ResponseStatus);
