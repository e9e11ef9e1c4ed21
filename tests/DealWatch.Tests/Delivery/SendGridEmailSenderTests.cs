using System.Diagnostics;
using DealWatch.Core.Delivery;
using DealWatch.Tests.Fakes;

namespace DealWatch.Tests.Delivery;

public sealed class SendGridEmailSenderTests
{
    private static IEnumerable<KeyValuePair<string, string?>> Settings(FakeSendGridServer sendGrid, string budget = "00:00:10", string baseDelay = "00:00:00.050") =>
        sendGrid.Settings().Concat(
        [
            new("DealWatch:Email:SendBudget", budget),
            new("DealWatch:Email:RetryBaseDelay", baseDelay),
        ]);

    [Fact]
    public async Task SendAsync_SendGridAnswers202_ReturnsAcceptedWithTheMessageId()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        await using var host = DeliveryHost.Create(Settings(sendGrid));

        var result = await host.Email.SendAsync(SampleAlerts.Email(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Accepted, result.Outcome);
        var request = Assert.Single(sendGrid.Requests);
        Assert.Equal(202, request.ResponseStatus);
        Assert.StartsWith("fake-", result.ProviderMessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Message_PostsTheDocumentedMailSendJson()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        await using var host = DeliveryHost.Create(Settings(sendGrid));
        var message = SampleAlerts.Email(to: "analyst@example.com", alertId: "deal.x.desk-en", deliveryId: "d-42");

        await host.Email.SendAsync(message, CancellationToken.None);

        var request = Assert.Single(sendGrid.Requests);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal($"Bearer {sendGrid.ApiKey}", request.Authorization);
        Assert.Equal(["text/plain", "text/html"], request.ContentTypes);
        Assert.Equal(message.Text, request.Text);
        Assert.Equal(message.Html, request.Html);
        Assert.Equal("Compute deal: OpenAI ⇄ AWS, US$38B, 7 years", request.Subject);
        Assert.Equal(["analyst@example.com"], request.To);
        Assert.Equal("alerts@dealwatch.test", request.From);
        Assert.Equal("DealWatch", request.FromName);
        Assert.Equal(["dealwatch", "deal"], request.Categories);
        Assert.Equal("deal.x.desk-en", request.CustomArgs["alert_id"]);
        Assert.Equal("d-42", request.CustomArgs["delivery_id"]);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterThen202_IsAcceptedAfterWaitingOnce()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        sendGrid.Enqueue(FakeResponse.TooManyRequests(retryAfterSeconds: 1), FakeResponse.Accepted());
        await using var host = DeliveryHost.Create(Settings(sendGrid));

        var result = await host.Email.SendAsync(SampleAlerts.Email(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Accepted, result.Outcome);
        Assert.Equal(2, sendGrid.Requests.Count);
        Assert.Equal([429, 202], sendGrid.Requests.Select(r => r.ResponseStatus));
        Assert.True(sendGrid.Requests[1].ReceivedAt - sendGrid.Requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900), "waited for Retry-After");
    }

    [Fact]
    public async Task SendAsync_429WithRateLimitReset_WaitsUntilTheWindowResets()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        var reset = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2);
        sendGrid.Enqueue(FakeResponse.RateLimited(reset), FakeResponse.Accepted());
        await using var host = DeliveryHost.Create(Settings(sendGrid));

        var result = await host.Email.SendAsync(SampleAlerts.Email(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Accepted, result.Outcome);
        Assert.Equal(2, sendGrid.Requests.Count);
        Assert.True(sendGrid.Requests[1].ReceivedAt >= reset - TimeSpan.FromMilliseconds(100), $"retried at {sendGrid.Requests[1].ReceivedAt:O}, reset {reset:O}");
    }

    [Fact]
    public async Task SendAsync_500Then202_IsRetriedOnceByOurPipelineAlone()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        sendGrid.Enqueue(FakeResponse.ServerError(500), FakeResponse.Accepted());
        await using var host = DeliveryHost.Create(Settings(sendGrid));

        var result = await host.Email.SendAsync(SampleAlerts.Email(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Accepted, result.Outcome);
        Assert.Equal([500, 202], sendGrid.Requests.Select(r => r.ResponseStatus));
    }

    [Fact]
    public async Task SendAsync_ServerErrorsPastTheBudget_ThrowsTransientDeliveryException()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        sendGrid.Enqueue(Enumerable.Repeat(FakeResponse.ServerError(503), 50).ToArray());
        await using var host = DeliveryHost.Create(Settings(sendGrid, budget: "00:00:02", baseDelay: "00:00:00.100"));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TransientDeliveryException>(() => host.Email.SendAsync(SampleAlerts.Email(), CancellationToken.None));

        Assert.InRange(sendGrid.Requests.Count, 2, 10);
        Assert.All(sendGrid.Requests, r => Assert.Equal(503, r.ResponseStatus));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RetryAfterLongerThanTheBudget_GivesUpAtOnceWithTheWait()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        sendGrid.Enqueue(FakeResponse.TooManyRequests(retryAfterSeconds: 120));
        await using var host = DeliveryHost.Create(Settings(sendGrid, budget: "00:00:30"));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TransientDeliveryException>(() => host.Email.SendAsync(SampleAlerts.Email(), CancellationToken.None));

        Assert.Single(sendGrid.Requests);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task SendAsync_400_IsRejectedWithSendGridsMessageAndNotRetried()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        sendGrid.Enqueue(FakeResponse.SendGridBadRequest("The from address does not match a verified Sender Identity.", "from"));
        await using var host = DeliveryHost.Create(Settings(sendGrid));

        var result = await host.Email.SendAsync(SampleAlerts.Email(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        Assert.Contains("The from address does not match a verified Sender Identity. (field from)", result.Detail, StringComparison.Ordinal);
        Assert.Single(sendGrid.Requests);
    }

    [Fact]
    public async Task SendAsync_WrongApiKey_IsRejectedAndTheKeyIsNeverLogged()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync(apiKey: "SG.the-right-key");
        const string wrongKey = "SG.wrong-key.MustNotAppearInLogs-91c2";
        await using var host = DeliveryHost.Create(Settings(sendGrid).Append(new("DealWatch:Email:SendGridApiKey", wrongKey)));

        var result = await host.Email.SendAsync(SampleAlerts.Email(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        Assert.Contains("401", result.Detail, StringComparison.Ordinal);
        Assert.Contains("authorization grant is invalid", result.Detail, StringComparison.Ordinal);
        Assert.Single(sendGrid.Requests);
        Assert.DoesNotContain(wrongKey, host.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RetriedAndRejected_NeverLogsTheApiKey()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        sendGrid.Enqueue(FakeResponse.TooManyRequests(1), FakeResponse.ServerError(), FakeResponse.SendGridBadRequest("bad"));
        await using var host = DeliveryHost.Create(Settings(sendGrid));

        await host.Email.SendAsync(SampleAlerts.Email(), CancellationToken.None);

        Assert.Equal(3, sendGrid.Requests.Count);
        Assert.NotEmpty(host.Logs.Entries);
        Assert.DoesNotContain(sendGrid.ApiKey, host.Logs.AllText, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Name == "DeliveryRetrying");
    }

    [Fact]
    public async Task SendAsync_NoAnswerWithinTheBudget_ThrowsHttpRequestExceptionAndDoesNotResend()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sendGrid.OnRequest = _ => release.Task; // SendGrid holds the request: it may or may not have taken the mail
        await using var host = DeliveryHost.Create(Settings(sendGrid, budget: "00:00:01"));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => host.Email.SendAsync(SampleAlerts.Email(), CancellationToken.None));
        release.SetResult();

        Assert.Equal(HttpRequestError.Unknown, error.HttpRequestError);
        Assert.Contains("delivery is unknown", error.Message, StringComparison.Ordinal);
        Assert.Single(sendGrid.Requests);
    }

    [Fact]
    public async Task SendAsync_CancelledOnceSendGridHasTheMail_ThrowsButTheMailWasReceived()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        using var crash = new CancellationTokenSource();
        sendGrid.OnRequest = _ =>
        {
            crash.Cancel();
            return Task.CompletedTask;
        };
        await using var host = DeliveryHost.Create(Settings(sendGrid));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Email.SendAsync(SampleAlerts.Email(), crash.Token));

        Assert.Single(sendGrid.Requests);
    }
}
