using DealWatch.Tests.Fakes;
using System.Diagnostics;
using DealWatch.Core.Sources;
using DealWatch.Core.Storage;
using DealWatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DealWatch.Tests.Sources;

/// <summary><c>dealwatch sources</c> run as a process against the <c>sources</c> table a poll wrote.</summary>
public sealed class SourcesCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Sources_AfterAFailedAndASuccessfulPoll_PrintsEachSourcesHealth()
    {
        await using var server = await FakeHttpServer.StartAsync(app =>
        {
            app.MapGet("/ok.xml", () => Results.Text("<rss version=\"2.0\"><channel><title>OK</title><item><title>One</title><link>https://ok.example.com/1</link></item></channel></rss>", "application/rss+xml"));
            app.MapGet("/broken.xml", () => Results.StatusCode(500));
        });
        var prefix = AzuriteFixture.NewPrefix();
        var settings = new Dictionary<string, string?>
        {
            ["DealWatch:Sources:0:Name"] = "Healthy Wire",
            ["DealWatch:Sources:0:Url"] = server.Url("ok.xml").ToString(),
            ["DealWatch:Sources:1:Name"] = "Broken Wire",
            ["DealWatch:Sources:1:Url"] = server.Url("broken.xml").ToString(),
            ["DealWatch:Sources:2:Name"] = "Quiet Wire",
            ["DealWatch:Sources:2:Url"] = "https://quiet.example.com/rss",
            ["DealWatch:Sources:2:Enabled"] = "false",
        };
        var configuration = azurite.Configuration(prefix, settings);
        await using (var services = new ServiceCollection().AddLogging().AddDealWatchStorage(configuration).AddDealWatchSources(configuration).BuildServiceProvider())
        {
            var reader = services.GetRequiredService<INewsSourceReader>();
            await reader.ReadAsync("Healthy Wire", CancellationToken.None);
            await reader.ReadAsync("Broken Wire", CancellationToken.None);
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dealwatch.dll"));
        start.ArgumentList.Add("sources");
        start.ArgumentList.Add("--prefix");
        start.ArgumentList.Add(prefix);
        start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var output = await stdout;

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Contains("Healthy Wire [feed] ok", output, StringComparison.Ordinal);
        Assert.Contains("1 stories in the last body", output, StringComparison.Ordinal);
        Assert.Contains("Broken Wire [feed] FAILING (1 in a row)", output, StringComparison.Ordinal);
        Assert.Contains("HTTP 500 Internal Server Error from 127.0.0.1", output, StringComparison.Ordinal);
        Assert.Contains("backing off:  until", output, StringComparison.Ordinal);
        Assert.Contains("Quiet Wire [feed] disabled", output, StringComparison.Ordinal);
    }
}
