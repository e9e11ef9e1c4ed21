using DealWatch.Core;
using DealWatch.Core.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DealWatch.Tests.Delivery;

public sealed class DeliveryOptionsTests
{
    private const string Signature = "sig=Zm9vYmFyU2VjcmV0U2lnbmF0dXJl";

    [Theory]
    [InlineData("https://prod-23.westeurope.logic.azure.com:443/workflows/0a1b/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&" + Signature)]
    [InlineData("https://default0123456789abcdef0123456789abcd.ef.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/0a1b/triggers/manual/paths/invoke?api-version=1&" + Signature)]
    [InlineData("")]
    public async Task Start_WorkflowsWebhookUrl_Starts(string url)
    {
        using var host = Build(new() { ["DealWatch:Teams:Webhooks:deals-desk"] = url });

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task Start_WebhookOnAnUnknownHost_FailsNamingTheKeyAndHostButNotTheUrl()
    {
        using var host = Build(new() { ["DealWatch:Teams:Webhooks:deals-desk"] = "https://hooks.evil.example.com/x?" + Signature });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DealWatch:Teams:Webhooks:deals-desk", error.Message, StringComparison.Ordinal);
        Assert.Contains("hooks.evil.example.com", error.Message, StringComparison.Ordinal);
        Assert.Contains("DealWatch:Teams:AllowedHosts", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Signature, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WebhookOnAnAllowedHost_Starts()
    {
        using var host = Build(new()
        {
            ["DealWatch:Teams:Webhooks:deals-desk"] = "https://hooks.example.com/teams?" + Signature,
            ["DealWatch:Teams:AllowedHosts:0"] = "example.com",
        });

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task Start_RetiredOffice365ConnectorUrl_FailsSayingToUseWorkflows()
    {
        using var host = Build(new() { ["DealWatch:Teams:Webhooks:ops"] = "https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DealWatch:Teams:Webhooks:ops", error.Message, StringComparison.Ordinal);
        Assert.Contains("retired", error.Message, StringComparison.Ordinal);
        Assert.Contains("Workflows", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("IncomingWebhook/123/456", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://prod-23.westeurope.logic.azure.com/workflows/x?" + Signature, "true")]
    [InlineData("http://127.0.0.1:5000/workflows/x?" + Signature, "false")]
    public async Task Start_HttpWebhookUnlessLoopbackWithAllowInsecureHttp_Fails(string url, string allowInsecureHttp)
    {
        using var host = Build(new() { ["DealWatch:Teams:Webhooks:desk"] = url, ["DealWatch:Teams:AllowInsecureHttp"] = allowInsecureHttp });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DealWatch:Teams:Webhooks:desk must use https", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Signature, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SendGridKeyWithoutFrom_FailsNamingDealWatchEmailFrom()
    {
        using var host = Build(new() { ["DealWatch:Email:SendGridApiKey"] = "SG.secret-key" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DealWatch:Email:From is required", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SG.secret-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SendGridBaseUrlOverPlainHttpToARemoteHost_Fails()
    {
        using var host = Build(new()
        {
            ["DealWatch:Email:SendGridApiKey"] = "SG.secret-key",
            ["DealWatch:Email:From"] = "alerts@example.com",
            ["DealWatch:Email:SendGridBaseUrl"] = "http://api.sendgrid.com",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DealWatch:Email:SendGridBaseUrl must be https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SendBudgetOutOfRange_FailsNamingTheKey()
    {
        using var host = Build(new() { ["DealWatch:Teams:SendBudget"] = "01:00:00" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DealWatch:Teams:SendBudget", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDealWatchDelivery_NothingConfigured_UsesTheOutboxForBothChannels()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddLogging().AddDealWatchDelivery(configuration).BuildServiceProvider();

        Assert.IsType<ConfiguredEmailSender>(services.GetRequiredService<IEmailSender>());
        Assert.IsType<ConfiguredTeamsSender>(services.GetRequiredService<ITeamsSender>());
        Assert.IsType<AlertRenderer>(services.GetRequiredService<IAlertRenderer>());
        Assert.False(services.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSendGrid);
        Assert.Equal("outbox", services.GetRequiredService<IOptions<OutboxOptions>>().Value.Directory);
    }

    [Fact]
    public void TeamsOptions_WebhookNames_AreMatchedWithoutRegardToCase()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DealWatch:Teams:Webhooks:Deals-Desk"] = "https://prod-1.westus.logic.azure.com/workflows/x?" + Signature,
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddDealWatchDelivery(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<TeamsOptions>>().Value;

        Assert.NotNull(options.UrlOf("deals-desk"));
        Assert.Null(options.UrlOf("other"));
    }

    [Fact]
    public void AddDealWatchDelivery_CalledTwice_RegistersNothingMore()
    {
        var configuration = new ConfigurationBuilder().Build();
        var once = new ServiceCollection().AddDealWatchDelivery(configuration);
        var twice = new ServiceCollection().AddDealWatchDelivery(configuration).AddDealWatchDelivery(configuration);

        Assert.Equal(once.Count, twice.Count);
    }

    [Fact]
    public void AddDealWatch_RegistersDelivery()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }).Build();
        var services = new ServiceCollection().AddLogging().AddDealWatch(configuration);

        Assert.Contains(services, d => d.ServiceType == typeof(IEmailSender));
        Assert.Contains(services, d => d.ServiceType == typeof(ITeamsSender));
        Assert.Contains(services, d => d.ServiceType == typeof(IAlertRenderer));
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDealWatchDelivery(builder.Configuration);
        return builder.Build();
    }
}
