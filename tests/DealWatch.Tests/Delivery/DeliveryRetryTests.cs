using System.Net.Http.Headers;
using DealWatch.Core.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace DealWatch.Tests.Delivery;

public sealed class DeliveryRetryTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2025, 11, 3, 13, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ProviderDelay_RetryAfterInSeconds_IsThatDelay()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), DeliveryRetry.ProviderDelay(response.Headers, Time));
    }

    [Fact]
    public void ProviderDelay_RetryAfterAsADate_IsTheTimeUntilThen()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Time.GetUtcNow().AddSeconds(90));

        Assert.Equal(TimeSpan.FromSeconds(90), DeliveryRetry.ProviderDelay(response.Headers, Time));
    }

    [Fact]
    public void ProviderDelay_SendGridRateLimitReset_IsTheTimeUntilTheEpochSecond()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", Time.GetUtcNow().AddSeconds(42).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.FromSeconds(42), DeliveryRetry.ProviderDelay(response.Headers, Time));
    }

    [Fact]
    public void ProviderDelay_ResetInThePast_IsZero()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", Time.GetUtcNow().AddSeconds(-5).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.Zero, DeliveryRetry.ProviderDelay(response.Headers, Time));
    }

    [Fact]
    public void ProviderDelay_NoHint_IsNull()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError);

        Assert.Null(DeliveryRetry.ProviderDelay(response.Headers, Time));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(413, false)]
    [InlineData(202, false)]
    public void IsTransient_Status_OnlyTooManyRequestsAndServerErrors(int status, bool transient) =>
        Assert.Equal(transient, DeliveryRetry.IsTransient((System.Net.HttpStatusCode)status));
}
