using System.Text.Json;
using DealWatch.Cli.Demo;
using DealWatch.Core.Alerts;
using DealWatch.Core.Delivery;
using DealWatch.Tests.Fakes;
using DealWatch.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace DealWatch.Tests.EndToEnd;

/// <summary>
/// The demo end to end on Azurite: the bundled samples served on 127.0.0.1, every function class run by the local
/// host, SendGrid and Teams faked at the HTTP boundary by servers that answer as they do (or the outbox).
/// </summary>
public sealed class DemoTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task<DemoSummary> RunDemoAsync(AzuriteFixture azurite, string prefix, string outbox, IEnumerable<KeyValuePair<string, string?>> settings) =>
        await DemoRunner.RunAsync(
            new DemoOptions(outbox, azurite.ConnectionString, prefix, settings.ToDictionary(p => p.Key, p => p.Value), LogLevel.Warning),
            CancellationToken.None);

    [Fact]
    public async Task Demo_WithFakedSendGridAndTeams_OneEmailAndOneTeamsPostPerDealAndRecipient_AndNothingTheSecondTime()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        await using var teams = await FakeTeamsServer.StartAsync();
        var settings = sendGrid.Settings().Concat(teams.Settings("deals-desk")).ToArray();
        var prefix = AzuriteFixture.NewPrefix();
        var outbox = Directory.CreateTempSubdirectory("dealwatch-outbox-").FullName;

        var first = await RunDemoAsync(azurite, prefix, outbox, settings);
        var emailsAfterFirst = sendGrid.Requests.Count;
        var postsAfterFirst = teams.Requests.Count;
        var second = await RunDemoAsync(azurite, prefix, outbox, settings);

        // One deal, reported by the three outlets, in both languages.
        Assert.Equal(1, first.DealsStored);
        var dealAlerts = first.Alerts.Where(a => a.Alert.Kind == AlertKind.Deal).ToArray();
        Assert.Equal(["desk-en", "investors-tw"], dealAlerts.Select(a => a.Alert.Subscription).Order(StringComparer.Ordinal));
        var deal = dealAlerts[0].Alert.Deal!;
        Assert.Equal(dealAlerts.Select(a => a.Alert.Deal!.DealId).Distinct(), [deal.DealId]);
        Assert.Equal(["Capital Wire", "Wire Desk", "鉅亨網"], deal.Sources.Select(s => s.Outlet).Order(StringComparer.Ordinal));
        Assert.Equal(("openai", "amazon", 38_000_000_000m, 7.0), (deal.Buyer, deal.Provider, deal.AmountUsd, deal.DurationYears));

        // Exactly one email per recipient and one Teams post for the deal, and each alert's deliveries once.
        var dealEmails = sendGrid.Requests.Where(r => r.CustomArgs.GetValueOrDefault("alert_id")?.StartsWith(deal.DealId, StringComparison.Ordinal) == true).ToArray();
        Assert.Equal(["analyst@example.com", "investor@example.com.tw"], dealEmails.SelectMany(r => r.To).Order(StringComparer.Ordinal));
        Assert.Contains("OpenAI", dealEmails.Single(r => r.To.Contains("analyst@example.com")).Subject, StringComparison.Ordinal);
        Assert.Contains("算力", dealEmails.Single(r => r.To.Contains("investor@example.com.tw")).Subject, StringComparison.Ordinal);
        // A deal alert's id starts with the deal's id (the reaction alert's with "reaction."), and each card names its alert.
        var dealPosts = teams.Requests.Where(r => r.Body.Contains("DealWatch alert " + deal.DealId + ".", StringComparison.Ordinal)).ToArray();
        Assert.Single(dealPosts);
        Assert.Equal("1.5", dealPosts[0].Card!["version"]!.GetValue<string>());
        Assert.Equal(sendGrid.Requests.Count, sendGrid.Requests.Select(r => (r.CustomArgs["alert_id"], string.Join(',', r.To))).Distinct().Count());
        Assert.All(first.Deliveries, d => Assert.Equal(DeliveryState.Sent, d.State));

        // The market: index moves past the thresholds alert; the non-deal stories alert nothing.
        Assert.Contains(first.Alerts, a => a.Alert.Kind == AlertKind.IndexMove && a.Alert.Move!.Quote.Symbol == "^DJI");
        Assert.Contains(first.Alerts, a => a.Alert.Kind == AlertKind.IndexMove && a.Alert.Move!.Quote.Symbol == "TXF");
        Assert.All(first.Alerts, a => Assert.True(a.Alert.Deal is null || a.Alert.Deal.DealId == deal.DealId, a.Alert.Id));
        Assert.Empty(first.OutboxFiles);

        // The same storage again: the stories are known, the alerts delivered; nothing leaves.
        Assert.Empty(second.Alerts);
        Assert.Empty(second.Deliveries);
        Assert.Equal(emailsAfterFirst, sendGrid.Requests.Count);
        Assert.Equal(postsAfterFirst, teams.Requests.Count);
    }

    [Fact]
    public async Task Demo_WithoutProviders_WritesTheDealAsEmlAndTeamsJsonToTheOutbox()
    {
        var outbox = Directory.CreateTempSubdirectory("dealwatch-outbox-").FullName;

        var summary = await RunDemoAsync(azurite, AzuriteFixture.NewPrefix(), outbox, []);

        var dealId = summary.Alerts.Single(a => a.Alert is { Kind: AlertKind.Deal, Subscription: "desk-en" }).Alert.Deal!.DealId;
        var emails = Directory.GetFiles(Path.Combine(outbox, "email"), "*.eml");
        var cards = Directory.GetFiles(Path.Combine(outbox, "teams"), "*.json");
        var dealEmail = Assert.Single(emails, f => Path.GetFileName(f).StartsWith(dealId + ".desk-en", StringComparison.Ordinal));
        Assert.Single(cards, f => Path.GetFileName(f).StartsWith(dealId + ".desk-en", StringComparison.Ordinal));

        var message = await MimeMessage.LoadAsync(dealEmail);
        Assert.Equal("Compute deal: OpenAI ⇄ AWS, US$38B, 7 years", message.Subject);
        Assert.NotNull(message.TextBody);
        Assert.Contains("Wire Desk", message.HtmlBody, StringComparison.Ordinal);
        using var card = JsonDocument.Parse(await File.ReadAllTextAsync(Assert.Single(cards, f => Path.GetFileName(f).StartsWith(dealId, StringComparison.Ordinal))));
        Assert.Equal("message", card.RootElement.GetProperty("type").GetString());
        Assert.Equal("1.5", card.RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("version").GetString());

        // Every file belongs to the deal or to a market rule: none to a non-deal story.
        Assert.All(emails.Concat(cards).Select(Path.GetFileName), name =>
            Assert.True(name!.StartsWith(dealId, StringComparison.Ordinal) || name.StartsWith("move.", StringComparison.Ordinal) || name.StartsWith("reaction.", StringComparison.Ordinal), name));
    }
}
