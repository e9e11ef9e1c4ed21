using System.Text;
using DealWatch.Core.Delivery;
using DealWatch.Tests.Fakes;
using MimeKit;

namespace DealWatch.Tests.Delivery;

public sealed class OutboxTests
{
    [Fact]
    public async Task EmailWithoutApiKey_IsWrittenAsAMultipartAlternativeEml()
    {
        await using var host = DeliveryHost.Create([]);
        var rendered = new AlertRenderer().RenderEmail(SampleAlerts.Deal("zh-Hant"));
        var message = new EmailMessage("deal.x.investors-tw", "d-1", "investor@example.com.tw", rendered.Subject, rendered.Text, rendered.Html, ["dealwatch", "deal"]);

        var result = await host.Email.SendAsync(message, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Accepted, result.Outcome);
        var path = Path.Combine(host.OutboxDirectory, "email", "deal.x.investors-tw-d-1.eml");
        Assert.Equal("outbox:email/deal.x.investors-tw-d-1.eml", result.ProviderMessageId);
        var raw = await File.ReadAllTextAsync(path);
        Assert.Contains("Subject: =?utf-8?", raw, StringComparison.OrdinalIgnoreCase);

        using var mime = await MimeMessage.LoadAsync(path);
        Assert.Equal("算力大單：OpenAI ⇄ AWS，380億美元，7年", mime.Subject);
        Assert.Equal("investor@example.com.tw", Assert.Single(mime.To.Mailboxes).Address);
        Assert.Equal("dealwatch@localhost", Assert.Single(mime.From.Mailboxes).Address);
        Assert.NotEqual(DateTimeOffset.MinValue, mime.Date);
        Assert.False(string.IsNullOrEmpty(mime.MessageId));
        Assert.Equal("deal.x.investors-tw", mime.Headers["X-DealWatch-Alert-Id"]);
        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Equal(2, alternative.Count);
        var text = Assert.IsType<TextPart>(alternative[0]);
        var html = Assert.IsType<TextPart>(alternative[1]);
        Assert.True(text.IsPlain);
        Assert.True(html.IsHtml);
        Assert.Equal("utf-8", text.ContentType.Charset, ignoreCase: true);
        Assert.Equal("utf-8", html.ContentType.Charset, ignoreCase: true);
        Assert.Equal(rendered.Text, text.Text);
        Assert.Equal(rendered.Html, html.Text);
    }

    [Fact]
    public async Task EmailSentTwiceWithTheSameDeliveryId_OverwritesOneFileAndLeavesNoTemporaryFile()
    {
        await using var host = DeliveryHost.Create([]);
        var message = SampleAlerts.Email(alertId: "move.desk-en.^DJI.20251103.Regular", deliveryId: "abc");

        await host.Email.SendAsync(message, CancellationToken.None);
        await host.Email.SendAsync(message, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(host.OutboxDirectory, "email"), "*", SearchOption.AllDirectories));
        Assert.Equal("move.desk-en._DJI.20251103.Regular-abc.eml", Path.GetFileName(file));
    }

    [Fact]
    public async Task EmailToAnInvalidAddress_IsRejectedAndNothingIsWritten()
    {
        await using var host = DeliveryHost.Create([]);

        var result = await host.Email.SendAsync(SampleAlerts.Email(to: "not an address"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        Assert.False(Directory.Exists(Path.Combine(host.OutboxDirectory, "email")));
    }

    [Fact]
    public async Task TeamsWithoutUrl_WritesByteForByteWhatTheWebhookWouldReceive()
    {
        await using var teams = await FakeTeamsServer.StartAsync();
        await using var host = DeliveryHost.Create(teams.Settings("posted"));
        var body = new AlertRenderer().RenderTeamsCard(SampleAlerts.Deal("zh-Hant"));

        await host.Teams.SendAsync(new TeamsMessage("deal.x", "d-1", "posted", body), CancellationToken.None);
        var result = await host.Teams.SendAsync(new TeamsMessage("deal.x", "d-2", "not-configured", body), CancellationToken.None);

        Assert.Equal("outbox:teams/deal.x-d-2.json", result.ProviderMessageId);
        var written = await File.ReadAllBytesAsync(Path.Combine(host.OutboxDirectory, "teams", "deal.x-d-2.json"));
        Assert.Equal(Assert.Single(teams.Requests).RawBody, written);
        Assert.Equal(Encoding.UTF8.GetBytes(body), written);
    }
}
