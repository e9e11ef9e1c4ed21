using DealWatch.Cli;
using DealWatch.Cli.LocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DealWatch.Tests.Rules;

/// <summary>A host refuses to start on a missing or wrong setting, and says which one.</summary>
public sealed class StartupValidationTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["DealWatch:Subscriptions:0:Name"] = "desk",
        ["DealWatch:Subscriptions:0:Email:0"] = "analyst@example.com",
    };

    private static void Build(Dictionary<string, string?> settings) =>
        CliServices.Build(CliConfiguration.Build(settings), LogLevel.None).Dispose();

    [Fact]
    public void Build_ValidSettings_Starts()
    {
        Build(Valid());
    }

    [Fact]
    public void Build_SubscriptionWithoutAChannel_FailsNamingTheSubscription()
    {
        var settings = Valid();
        settings.Remove("DealWatch:Subscriptions:0:Email:0");

        var error = Assert.Throws<OptionsValidationException>(() => Build(settings));

        Assert.Contains("DealWatch:Subscriptions:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("no channel", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DealWatch:Subscriptions:0:Name", "Desk Team", "Name")]
    [InlineData("DealWatch:Subscriptions:0:Language", "fr", "Language")]
    [InlineData("DealWatch:Subscriptions:0:TimeZone", "Mars/Olympus", "TimeZone")]
    [InlineData("DealWatch:Subscriptions:0:QuietHours", "late", "QuietHours")]
    [InlineData("DealWatch:Subscriptions:0:Email:0", "not-an-address", "not-an-address")]
    [InlineData("DealWatch:Deals:AmountTolerance", "2", "AmountTolerance")]
    [InlineData("DealWatch:Storage:Prefix", "Has Spaces", "DealWatch:Storage:Prefix")]
    public void Build_WrongSetting_FailsNamingIt(string key, string value, string named)
    {
        var settings = Valid();
        settings[key] = value;

        var error = Assert.Throws<OptionsValidationException>(() => Build(settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TwoSubscriptionsWithOneName_Fails()
    {
        var settings = Valid();
        settings["DealWatch:Subscriptions:1:Name"] = "desk";
        settings["DealWatch:Subscriptions:1:Email:0"] = "other@example.com";

        var error = Assert.Throws<OptionsValidationException>(() => Build(settings));

        Assert.Contains("'desk' is used by 2 subscriptions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoStorageConfigured_FailsNamingAzureWebJobsStorage()
    {
        var settings = Valid();
        settings["AzureWebJobsStorage"] = null;

        var error = Assert.Throws<OptionsValidationException>(() => Build(settings));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_TimerScheduleSettingMissing_FailsNamingTheEnvironmentVariable()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DealWatch:NewsSchedule"] = "0 */5 * * * *" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Discover(typeof(DealWatch.Functions.PollNews).Assembly, configuration));

        Assert.Contains("DealWatch__MarketsSchedule", error.Message, StringComparison.Ordinal);
    }
}
