using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace DealWatch.Core.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the news sources: <see cref="INewsSourceReader"/> and <see cref="ISourceHealthReader"/> over section
    /// <c>DealWatch:Sources</c> (validated at start: unique names, absolute http/https URLs), and their HTTP
    /// client (gzip/brotli/deflate, a resilience pipeline tuned for polling). The <c>sources</c> table needs
    /// <c>AddDealWatchStorage</c>.
    /// </summary>
    public static IServiceCollection AddDealWatchSources(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Idempotent: a second call would stack a second resilience handler on the same named client.
        if (services.Any(d => d.ServiceType == typeof(NewsSourceReader)))
        {
            return services;
        }

        var section = configuration.GetSection(SourcesOptions.SectionName);
        services.AddOptions<SourcesOptions>()
            .Bind(section)
            .Configure(o => o.Items = SourcesOptions.ReadItems(section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidation>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SourceStateStore>();
        services.TryAddSingleton<HostRequestGate>();
        services.TryAddSingleton<NewsSourceReader>();
        services.TryAddSingleton<INewsSourceReader>(sp => sp.GetRequiredService<NewsSourceReader>());
        services.TryAddSingleton<ISourceHealthReader>(sp => sp.GetRequiredService<NewsSourceReader>());

        AddPollingHttpClient<SourcesOptions>(services, NewsSourceReader.HttpClientName, TimeSpan.FromSeconds(15), maxRedirections: 5, o => o.Timeout);
        return services;
    }

    /// <summary>
    /// A client for polling outside services (news sources, quote providers): gzip/brotli/deflate, connections
    /// recycled every five minutes, and the standard resilience pipeline per host tuned by <see cref="ConfigureForPolling"/>
    /// with the poll timeout of <typeparamref name="TOptions"/>. The client's own timeout is off: the pipeline limits each attempt.
    /// </summary>
    internal static void AddPollingHttpClient<TOptions>(IServiceCollection services, string name, TimeSpan connectTimeout, int maxRedirections, Func<TOptions, TimeSpan> timeout)
        where TOptions : class =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = maxRedirections,
                ConnectTimeout = connectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddStandardResilienceHandler()
            .SelectPipelineByAuthority()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
                ConfigureForPolling(resilience, timeout(provider.GetRequiredService<IOptions<TOptions>>().Value)));

    /// <summary>
    /// A poll runs again on the next timer tick, so retrying within a poll is mostly waste: one retry, only for
    /// a broken connection (an HTTP error is recorded and backed off instead, and the next poll tries again).
    /// The attempt timeout is the configured poll timeout; the reader also limits the whole exchange, body included.
    /// </summary>
    internal static void ConfigureForPolling(HttpStandardResilienceOptions resilience, TimeSpan timeout)
    {
        resilience.Retry.MaxRetryAttempts = 1;
        resilience.Retry.Delay = TimeSpan.FromSeconds(1);
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException);
        resilience.AttemptTimeout.Timeout = timeout;
        resilience.TotalRequestTimeout.Timeout = timeout * 2 + TimeSpan.FromSeconds(5);
        resilience.CircuitBreaker.SamplingDuration = timeout * 2 > TimeSpan.FromSeconds(30) ? timeout * 2 : TimeSpan.FromSeconds(30);
    }
}
