using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace DealWatch.Cli.Demo;

/// <summary>
/// Serves the bundled sample sources (<c>samples/www</c>) on 127.0.0.1 as the real services would answer: files
/// at their real paths (query strings ignored), with ETag and Last-Modified so conditional GETs get 304s.
/// </summary>
internal sealed class SampleServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly RequestCounter _requests;

    private SampleServer(WebApplication app, Uri baseUrl, RequestCounter requests)
    {
        _app = app;
        BaseUrl = baseUrl;
        _requests = requests;
    }

    /// <summary>Where it listens, without a trailing slash.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Requests served so far (304s included).</summary>
    public int RequestCount => _requests.Total;

    public static async Task<SampleServer> StartAsync(string root, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The sample sources folder '{root}' does not exist.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var counter = new RequestCounter();
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".rss"] = "application/rss+xml";
        types.Mappings[".atom"] = "application/atom+xml";
        types.Mappings[".rdf"] = "application/rdf+xml";
        var app = builder.Build();
        app.Use((context, next) =>
        {
            counter.Add();
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.GetFullPath(root)),
            ContentTypeProvider = types,
            ServeUnknownFileTypes = true,
            DefaultContentType = "application/octet-stream",
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SampleServer(app, new Uri(address.TrimEnd('/')), counter);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class RequestCounter
    {
        private int _total;

        public int Total => Volatile.Read(ref _total);

        public void Add() => Interlocked.Increment(ref _total);
    }
}
