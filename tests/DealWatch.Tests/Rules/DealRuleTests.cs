using DealWatch.Core.Alerts;
using DealWatch.Core.Deals;
using DealWatch.Core.Rules;
using DealWatch.Tests.Deals;

namespace DealWatch.Tests.Rules;

public sealed class DealRuleTests
{
    private static readonly DateTimeOffset Day = new(2025, 11, 3, 13, 0, 0, TimeSpan.Zero);

    private static Deal Deal(decimal? amount, string language = "en") =>
        DealMatcher.Create("d1", DealMatcherTests.Story("s1", "openai", "amazon", amount, language), DealMatcherTests.Source("s1"), Day);

    private static SubscriptionOptions Subscription(string name, decimal min = 1_000_000_000m) => new()
    {
        Name = name,
        Email = ["a@example.com"],
        Deals = new DealRuleOptions { MinAmountUsd = min },
    };

    [Theory]
    [InlineData(38_000_000_000, 1_000_000_000, true)]
    [InlineData(500_000_000, 1_000_000_000, false)]
    [InlineData(1_000_000_000, 1_000_000_000, true)]
    public void Matches_MinAmount_ComparesTheDealValue(long amount, long min, bool expected)
    {
        Assert.Equal(expected, DealRule.Matches(new DealRuleOptions { MinAmountUsd = min }, Deal(amount)));
    }

    [Fact]
    public void Matches_UnknownAmountWithAMinimum_OnlyWhenAskedFor()
    {
        Assert.False(DealRule.Matches(new DealRuleOptions { MinAmountUsd = 1 }, Deal(null)));
        Assert.True(DealRule.Matches(new DealRuleOptions { MinAmountUsd = 1, IncludeUnknownAmount = true }, Deal(null)));
    }

    [Fact]
    public void Matches_WatchedParties_NeedsOneOfThem()
    {
        Assert.True(DealRule.Matches(new DealRuleOptions { Parties = ["nvidia", "amazon"] }, Deal(1)));
        Assert.False(DealRule.Matches(new DealRuleOptions { Parties = ["nvidia"] }, Deal(1)));
    }

    [Fact]
    public void Matches_TypesAndLanguages_Filter()
    {
        Assert.False(DealRule.Matches(new DealRuleOptions { DealTypes = ["chip-supply"] }, Deal(1)));
        Assert.True(DealRule.Matches(new DealRuleOptions { DealTypes = ["cloud-capacity"] }, Deal(1)));
        Assert.False(DealRule.Matches(new DealRuleOptions { Languages = ["zh-Hant"] }, Deal(1)));
        Assert.True(DealRule.Matches(new DealRuleOptions { Languages = ["zh-Hant"] }, Deal(1, "zh-Hant")));
    }

    [Fact]
    public void PlanAlerts_FirstQualification_OneDealAlertPerMatchingSubscription()
    {
        var planned = DealRule.PlanAlerts(Deal(38_000_000_000m), [Subscription("big"), Subscription("huge", 100_000_000_000m)]);

        var alert = Assert.Single(planned.PendingAlerts);
        Assert.Equal(new PendingAlert("d1.big.v1", "big", AlertKind.Deal), alert);
        Assert.Equal(1, planned.AlertedVersions["big"]);
    }

    [Fact]
    public void PlanAlerts_SameFactsAgain_PlansNothingMore()
    {
        var subscriptions = new[] { Subscription("big") };
        var once = DealRule.PlanAlerts(Deal(38_000_000_000m), subscriptions) with { PendingAlerts = [] };

        Assert.Empty(DealRule.PlanAlerts(once, subscriptions).PendingAlerts);
    }

    [Fact]
    public void PlanAlerts_MaterialChange_UpdateForTheAlertedAndFirstAlertForTheNewlyQualified()
    {
        var subscriptions = new[] { Subscription("big"), Subscription("huge", 40_000_000_000m) };
        var first = DealRule.PlanAlerts(Deal(38_000_000_000m), subscriptions) with { PendingAlerts = [] };
        var revised = DealMatcher.Merge(first, DealMatcherTests.Story("s2", "openai", "amazon", 45_000_000_000m), DealMatcherTests.Source("s2"), Day.AddDays(1), new DealClusteringOptions());

        var planned = DealRule.PlanAlerts(revised, subscriptions).PendingAlerts;

        Assert.Equal(
            [new PendingAlert("d1.big.v2", "big", AlertKind.DealUpdate), new PendingAlert("d1.huge.v2", "huge", AlertKind.Deal)],
            planned);
    }
}
