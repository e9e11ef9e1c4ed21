using System.Diagnostics;
using System.Text.Json;

namespace DealWatch.Tests.Sources;

/// <summary><c>dealwatch feed</c> run as a process, as a user runs it: JSON Lines on stdout, or one line on stderr and exit 1.</summary>
public sealed class FeedCommandTests
{
    private static async Task<(int ExitCode, string[] Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dealwatch.dll"));
        start.ArgumentList.Add("feed");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries), (await stderr).Trim());
    }

    [Theory]
    [InlineData("big5-declared.xml", "台積電10月營收年增16.9% 創同期新高", "zh-Hant")]
    [InlineData("utf8-bom.atom", "Nvidia & Microsoft expand AI partnership", "en")]
    [InlineData("rss10.rdf", "ソフトバンク、AIデータセンターに投資", "ja")]
    public async Task Feed_ReadableFile_PrintsOneJsonObjectPerStory(string fixture, string firstTitle, string language)
    {
        var (exitCode, stdout, stderr) = await RunAsync(TestFiles.Fixture(fixture));

        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr);
        Assert.True(stdout.Length >= 2);
        using var first = JsonDocument.Parse(stdout[0]);
        var root = first.RootElement;
        Assert.Equal(firstTitle, root.GetProperty("title").GetString());
        Assert.Equal(language, root.GetProperty("language").GetString());
        Assert.Matches("^[0-9a-f]{32}$", root.GetProperty("id").GetString());
        Assert.StartsWith("https://", root.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", root.GetProperty("publishedAt").GetString());
        Assert.True(root.TryGetProperty("summary", out _));
        Assert.True(root.TryGetProperty("source", out _));
    }

    [Theory]
    [InlineData("billion-laughs.xml", "dealwatch feed: refused:")]
    [InlineData("xxe.xml", "dealwatch feed: refused:")]
    [InlineData("html-page.html", "dealwatch feed: not a feed: this is an HTML page")]
    [InlineData("truncated.xml", "dealwatch feed: truncated:")]
    [InlineData("no-such-file.xml", "dealwatch feed: no such file:")]
    public async Task Feed_UnreadableFile_ExitsNonZeroWithOneLineOnStderr(string fixture, string expected)
    {
        var (exitCode, stdout, stderr) = await RunAsync(TestFiles.Fixture(fixture));

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.StartsWith(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', stderr);
    }

    [Fact]
    public async Task Feed_CnyesKind_ReadsTheJsonList()
    {
        var (exitCode, stdout, _) = await RunAsync("--kind", "cnyes", "--language", "zh-Hant", TestFiles.Fixture("cnyes-newslist.json"));

        Assert.Equal(0, exitCode);
        using var first = JsonDocument.Parse(stdout[0]);
        Assert.Equal("OpenAI棄微軟投AWS 簽下380億美元算力大單", first.RootElement.GetProperty("title").GetString());
        Assert.Equal("https://news.cnyes.com/news/id/6201234", first.RootElement.GetProperty("url").GetString());
    }
}
