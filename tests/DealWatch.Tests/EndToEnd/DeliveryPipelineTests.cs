using DealWatch.Core;
using DealWatch.Core.Delivery;
using DealWatch.Core.Storage;
using DealWatch.Tests.Fakes;
using DealWatch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DealWatch.Tests.EndToEnd;

/// <summary>
/// Deliveries through the queue functions on Azurite, with SendGrid and Teams faked at the HTTP boundary: once per
/// alert and recipient under duplicate messages, crashes, throttling, refusals and outages.
/// </summary>
public sealed class DeliveryPipelineTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static DeliveryMessage Email(string alertId) => new(MessageVersions.Current, alertId, PipelineHarness.Subscription, PipelineHarness.Recipient);

    private static DeliveryMessage Teams(string alertId) => new(MessageVersions.Current, alertId, PipelineHarness.Subscription, PipelineHarness.Webhook);

    private static async Task<DeliveryRecord?> LedgerAsync(PipelineHarness harness, string alertId, string channel, string recipient) =>
        await harness.Services.GetRequiredService<DeliveryLedger>().GetAsync(alertId, channel, recipient, CancellationToken.None);

    [Fact]
    public async Task RouteAndSend_DuplicateAlertAndDeliveryMessages_OneEmailAndOneTeamsPost()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        await using var teams = await FakeTeamsServer.StartAsync();
        await using var harness = PipelineHarness.Create(azurite, sendGrid.Settings().Concat(teams.Settings(PipelineHarness.Webhook)));
        var alert = await harness.AddAlertAsync("dup.desk.v1");

        // The alert's message three times (as at-least-once delivery can), and each delivery message twice more.
        for (var i = 0; i < 3; i++)
        {
            await harness.SendAsync(QueueNames.Alerts, new AlertMessage(MessageVersions.Current, alert.Id));
        }

        for (var i = 0; i < 2; i++)
        {
            await harness.SendAsync(QueueNames.Email, Email(alert.Id));
            await harness.SendAsync(QueueNames.Teams, Teams(alert.Id));
        }

        await harness.DrainAsync();

        var email = Assert.Single(sendGrid.Requests);
        Assert.Equal([PipelineHarness.Recipient], email.To);
        Assert.Equal(alert.Id, email.CustomArgs["alert_id"]);
        Assert.Contains("&lt;b&gt;$38B&lt;/b&gt;", email.Html, StringComparison.Ordinal);
        Assert.Single(teams.Requests);
        Assert.Equal(DeliveryState.Sent, (await LedgerAsync(harness, alert.Id, DeliveryChannels.Email, PipelineHarness.Recipient))!.State);
        Assert.Equal(DeliveryState.Sent, (await LedgerAsync(harness, alert.Id, DeliveryChannels.Teams, PipelineHarness.Webhook))!.State);
    }

    [Fact]
    public async Task SendEmail_CrashAfterSendGridHasTheMail_IsRecordedUnknownAndNeverSentAgain()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        await using var harness = PipelineHarness.Create(azurite, sendGrid.Settings());
        var alert = await harness.AddAlertAsync("crash.desk.v1");
        var delivery = harness.Services.GetRequiredService<DeliveryService>();
        using var crash = new CancellationTokenSource();
        sendGrid.OnRequest = _ => crash.CancelAsync();

        // The host dies while SendGrid holds the mail: the answer is never recorded.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivery.SendEmailAsync(Email(alert.Id), crash.Token));
        Assert.Equal(DeliveryState.Sending, (await LedgerAsync(harness, alert.Id, DeliveryChannels.Email, PipelineHarness.Recipient))!.State);

        // The message comes back (visibility timeout) and is run again, twice.
        sendGrid.OnRequest = null;
        await harness.SendAsync(QueueNames.Email, Email(alert.Id));
        await harness.SendAsync(QueueNames.Email, Email(alert.Id));
        await harness.DrainAsync();

        Assert.Single(sendGrid.Requests);
        var record = await LedgerAsync(harness, alert.Id, DeliveryChannels.Email, PipelineHarness.Recipient);
        Assert.Equal(DeliveryState.Unknown, record!.State);
        Assert.Empty(await harness.PeekAsync(QueueNames.Poison(QueueNames.Email)));
    }

    [Fact]
    public async Task SendEmail_ThrottledWithRetryAfter_WaitsAndSendsOnce()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        sendGrid.Enqueue(FakeResponse.TooManyRequests(retryAfterSeconds: 1), FakeResponse.Accepted());
        await using var harness = PipelineHarness.Create(azurite, sendGrid.Settings());
        var alert = await harness.AddAlertAsync("throttled.desk.v1");

        await harness.SendAsync(QueueNames.Email, Email(alert.Id));
        await harness.DrainAsync();

        Assert.Equal([429, 202], sendGrid.Requests.Select(r => r.ResponseStatus));
        Assert.True(sendGrid.Requests[1].ReceivedAt - sendGrid.Requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.9));
        Assert.Equal(DeliveryState.Sent, (await LedgerAsync(harness, alert.Id, DeliveryChannels.Email, PipelineHarness.Recipient))!.State);
    }

    [Fact]
    public async Task SendTeams_BadRequest_RecordedAsRejectedWithTheReasonAndNotRetried()
    {
        await using var teams = await FakeTeamsServer.StartAsync();
        teams.Enqueue(FakeResponse.WorkflowError(400, "InvalidRequestContent", "The card is not valid."));
        await using var harness = PipelineHarness.Create(azurite, teams.Settings(PipelineHarness.Webhook));
        var alert = await harness.AddAlertAsync("rejected.desk.v1");

        await harness.SendAsync(QueueNames.Teams, Teams(alert.Id));
        await harness.DrainAsync();

        Assert.Single(teams.Requests);
        var record = await LedgerAsync(harness, alert.Id, DeliveryChannels.Teams, PipelineHarness.Webhook);
        Assert.Equal(DeliveryState.Rejected, record!.State);
        Assert.Contains("The card is not valid.", record.Detail, StringComparison.Ordinal);
        Assert.Empty(await harness.PeekAsync(QueueNames.Poison(QueueNames.Teams)));
    }

    [Fact]
    public async Task SendEmail_ServerErrorsPastTheBudget_PoisonedUnclaimed_ThenReplayedAndSentOnce()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        var settings = sendGrid.Settings().Concat(
        [
            new("DealWatch:Email:SendBudget", "00:00:03"),
            new("DealWatch:Email:MaxRetries", "1"),
            new("DealWatch:Email:RetryBaseDelay", "00:00:00.100"),
        ]);
        await using var harness = PipelineHarness.Create(azurite, settings);
        var alert = await harness.AddAlertAsync("outage.desk.v1");
        // Every try of every dequeue fails: 3 dequeues x (1 + 1 retry).
        sendGrid.Enqueue(Enumerable.Repeat(FakeResponse.ServerError(503), 6).ToArray());

        await harness.SendAsync(QueueNames.Email, Email(alert.Id));
        await harness.DrainAsync();

        Assert.Equal(6, sendGrid.Requests.Count);
        Assert.Single(await harness.PeekAsync(QueueNames.Poison(QueueNames.Email)));
        Assert.Null(await LedgerAsync(harness, alert.Id, DeliveryChannels.Email, PipelineHarness.Recipient));

        // SendGrid is back; the operator replays the poison queue.
        await harness.Services.GetRequiredService<PoisonReplayer>().ReplayAsync(QueueNames.Email, int.MaxValue, CancellationToken.None);
        await harness.DrainAsync();

        Assert.Equal(7, sendGrid.Requests.Count);
        Assert.Equal(202, sendGrid.Requests[^1].ResponseStatus);
        Assert.Equal(DeliveryState.Sent, (await LedgerAsync(harness, alert.Id, DeliveryChannels.Email, PipelineHarness.Recipient))!.State);
    }
}
