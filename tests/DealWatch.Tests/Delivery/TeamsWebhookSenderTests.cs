using System.Diagnostics;
using System.Text;
using DealWatch.Core.Delivery;
using DealWatch.Tests.Fakes;

namespace DealWatch.Tests.Delivery;

public sealed class TeamsWebhookSenderTests
{
    private const string Webhook = "deals-desk";

    private static IEnumerable<KeyValuePair<string, string?>> Settings(FakeTeamsServer teams, string budget = "00:00:10", string baseDelay = "00:00:00.050") =>
        teams.Settings(Webhook).Concat(
        [
            new("DealWatch:Teams:SendBudget", budget),
            new("DealWatch:Teams:RetryBaseDelay", baseDelay),
        ]);

    [Fact]
    public async Task SendAsync_WebhookAnswers202_PostsTheExactBodyAndIsAccepted()
    {
        await using var teams = await FakeTeamsServer.StartAsync();
        await using var host = DeliveryHost.Create(Settings(teams));
        var message = SampleAlerts.Teams(Webhook);

        var result = await host.Teams.SendAsync(message, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Accepted, result.Outcome);
        Assert.NotNull(result.ProviderMessageId);
        var request = Assert.Single(teams.Requests);
        Assert.Equal(Webhook, request.Webhook);
        Assert.True(request.SignatureValid);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetBytes(message.Body), request.RawBody);
        Assert.Equal("1.5", request.Card!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterThen202_IsAcceptedAfterWaitingOnce()
    {
        await using var teams = await FakeTeamsServer.StartAsync();
        teams.Enqueue(FakeResponse.TooManyRequests(retryAfterSeconds: 1), FakeResponse.Accepted());
        await using var host = DeliveryHost.Create(Settings(teams));

        var result = await host.Teams.SendAsync(SampleAlerts.Teams(Webhook), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Accepted, result.Outcome);
        Assert.Equal([429, 202], teams.Requests.Select(r => r.ResponseStatus));
        Assert.True(teams.Requests[1].ReceivedAt - teams.Requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900), "waited for Retry-After");
    }

    [Fact]
    public async Task SendAsync_ServerErrorsPastTheBudget_ThrowsTransientDeliveryException()
    {
        await using var teams = await FakeTeamsServer.StartAsync();
        teams.Enqueue(Enumerable.Repeat(FakeResponse.WorkflowError(502, "BadGateway", "The service is unavailable."), 50).ToArray());
        await using var host = DeliveryHost.Create(Settings(teams, budget: "00:00:02", baseDelay: "00:00:00.100"));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TransientDeliveryException>(() => host.Teams.SendAsync(SampleAlerts.Teams(Webhook), CancellationToken.None));

        Assert.InRange(teams.Requests.Count, 2, 10);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        Assert.DoesNotContain(teams.Signature(Webhook), error.Message, StringComparison.Ordinal);
        Assert.Contains(Webhook, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RetryAfterLongerThanTheBudget_GivesUpAtOnceWithTheWait()
    {
        await using var teams = await FakeTeamsServer.StartAsync();
        teams.Enqueue(FakeResponse.TooManyRequests(retryAfterSeconds: 600));
        await using var host = DeliveryHost.Create(Settings(teams, budget: "00:00:30"));

        var error = await Assert.ThrowsAsync<TransientDeliveryException>(() => host.Teams.SendAsync(SampleAlerts.Teams(Webhook), CancellationToken.None));

        Assert.Single(teams.Requests);
        Assert.Equal(TimeSpan.FromMinutes(10), error.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_400_IsRejectedWithTheReasonAndNotRetried()
    {
        await using var teams = await FakeTeamsServer.StartAsync();
        teams.Enqueue(FakeResponse.WorkflowError(400, "InvalidTemplate", "Unable to process template language expressions in action 'Post_card_in_a_chat_or_channel'."));
        await using var host = DeliveryHost.Create(Settings(teams));

        var result = await host.Teams.SendAsync(SampleAlerts.Teams(Webhook), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        Assert.Contains("InvalidTemplate: Unable to process template language expressions", result.Detail, StringComparison.Ordinal);
        Assert.Single(teams.Requests);
    }

    [Fact]
    public async Task SendAsync_AnyOutcome_NeverLogsTheWebhookUrlOrSignature()
    {
        await using var teams = await FakeTeamsServer.StartAsync();
        teams.Enqueue(FakeResponse.TooManyRequests(1), FakeResponse.ServerError(500), FakeResponse.WorkflowError(400, "Bad", "echo " + teams.WebhookUrl(Webhook).AbsoluteUri));
        await using var host = DeliveryHost.Create(Settings(teams));

        var result = await host.Teams.SendAsync(SampleAlerts.Teams(Webhook), CancellationToken.None);

        Assert.Equal(3, teams.Requests.Count);
        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        var secret = teams.Signature(Webhook);
        Assert.DoesNotContain(secret, result.Detail, StringComparison.Ordinal);
        Assert.NotEmpty(host.Logs.Entries);
        Assert.DoesNotContain(secret, host.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("/triggers/manual/paths/invoke", host.Logs.AllText, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Name == "TeamsRejected" && e.Message.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_WebhookUnreachable_ThrowsConnectionErrorWithoutTheUrl()
    {
        var teams = await FakeTeamsServer.StartAsync();
        var settings = Settings(teams).ToArray();
        var secret = teams.Signature(Webhook);
        await teams.DisposeAsync();
        await using var host = DeliveryHost.Create(settings);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => host.Teams.SendAsync(SampleAlerts.Teams(Webhook), CancellationToken.None));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, host.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WebhookNameWithoutUrl_WritesTheOutboxInsteadOfPosting()
    {
        await using var teams = await FakeTeamsServer.StartAsync();
        await using var host = DeliveryHost.Create(Settings(teams));

        var result = await host.Teams.SendAsync(SampleAlerts.Teams("no-such-webhook"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Accepted, result.Outcome);
        Assert.StartsWith("outbox:teams/", result.ProviderMessageId, StringComparison.Ordinal);
        Assert.Empty(teams.Requests);
        Assert.Single(Directory.GetFiles(Path.Combine(host.OutboxDirectory, "teams")));
    }
}
