using DealWatch.Cli.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace DealWatch.Cli.Demo;

/// <summary>
/// Serves the bundled sample sources (<c>samples/www</c>) on 127.0.0.1 as the real services would answer: files
/// at their real paths (query strings ignored), with ETag and Last-Modified so conditional GETs get 304s.
/// </summary>
internal sealed class SampleServer : IAsyncDisposable
{
    private readonly LoopbackWebApp _app;
    private readonly RequestCounter _requests;

    private SampleServer(LoopbackWebApp app, RequestCounter requests)
    {
        _app = app;
        _requests = requests;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl => _app.BaseUrl;

    /// <summary>Requests served so far (304s included).</summary>
    public int RequestCount => _requests.Total;

    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static async Task<SampleServer> StartAsync(string root, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The sample sources folder '{root}' does not exist.");
        }

        var counter = new RequestCounter();
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".rss"] = "application/rss+xml";
        types.Mappings[".atom"] = "application/atom+xml";
        types.Mappings[".rdf"] = "application/rdf+xml";
        var app = await LoopbackWebApp.StartAsync(web =>
        {
            web.Use((context, next) =>
            {
                counter.Add();
                return next(context);
            });
            web.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(Path.GetFullPath(root)),
                ContentTypeProvider = types,
                ServeUnknownFileTypes = true,
                DefaultContentType = "application/octet-stream",
            });
        }, cancellationToken).ConfigureAwait(false);
        return new SampleServer(app, counter);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed class RequestCounter
    {
        private int _total;

        public int Total => Volatile.Read(ref _total);

        public void Add() => Interlocked.Increment(ref _total);
    }
}
