using DealWatch.Core.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Markets;

public static class MarketsServiceCollectionExtensions
{
    /// <summary>
    /// Registers market data: <see cref="IQuoteService"/> over the providers of section <c>DealWatch:Markets</c>
    /// (validated at start; the public endpoints when none are configured), <see cref="IQuoteStore"/> over the
    /// <c>quotes</c> table (needs <c>AddDealWatchStorage</c>), and the providers' HTTP client.
    /// </summary>
    public static IServiceCollection AddDealWatchMarkets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Idempotent: a second call would stack a second resilience handler on the same named client.
        if (services.Any(d => d.ServiceType == typeof(IQuoteService)))
        {
            return services;
        }

        var section = configuration.GetSection(MarketsOptions.SectionName);
        services.AddOptions<MarketsOptions>()
            .Bind(section)
            .Configure(o =>
            {
                o.Symbols = MarketsOptions.ReadSymbols(section.GetSection(nameof(MarketsOptions.Symbols)));
                if (o.Symbols.Count == 0)
                {
                    o.Symbols = [.. MarketsOptions.DefaultSymbols];
                }

                if (o.Providers.Count == 0)
                {
                    o.Providers = [.. MarketsOptions.DefaultProviders()];
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MarketsOptions>, MarketsOptionsValidation>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IQuoteService, QuoteService>();
        services.TryAddSingleton<IQuoteStore, QuoteStore>();

        // SocketsHttpHandler's own default of 50 redirects, as before the client was shared with the news sources.
        SourcesServiceCollectionExtensions.AddPollingHttpClient<MarketsOptions>(
            services, QuoteProvider.HttpClientName, TimeSpan.FromSeconds(10), maxRedirections: 50, o => o.Timeout);
        return services;
    }
}
