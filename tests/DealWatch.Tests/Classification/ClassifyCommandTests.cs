using System.Text;
using System.Text.Json;
using DealWatch.Cli.Commands;
using DealWatch.Core.Classification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DealWatch.Tests.Classification;

public sealed class ClassifyCommandTests
{
    private static async Task<(ClassifyRunSummary Summary, List<JsonElement> Lines)> RunAsync(string input)
    {
        using var services = ClassificationServices.Build(new ConfigurationBuilder().Build());
        var classifier = services.GetRequiredService<IDealClassifier>();
        using var source = new MemoryStream(Encoding.UTF8.GetBytes(input));
        using var sink = new MemoryStream();
        var summary = await ClassifyCommand.RunAsync(classifier, source, sink, CancellationToken.None);
        var lines = Encoding.UTF8.GetString(sink.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();
        return (summary, lines);
    }

    [Fact]
    public async Task RunAsync_MalformedLines_WriteErrorLinesAndTheBatchGoesOn()
    {
        var input = string.Join("\n",
            """{"id":"a","title":"OpenAI signs $38 billion, seven-year cloud deal with Amazon Web Services"}""",
            """{"id":"b","title": oops""",
            """{"id":"c","summary":"no title"}""",
            """{"title":"no id"}""",
            """[1,2]""",
            """{"id":"f","title":"Nvidia unveils Rubin CPX GPU for long-context inference","language":"en"}""");

        var (summary, lines) = await RunAsync(input);

        Assert.Equal(6, lines.Count);
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        Assert.True(lines[0].GetProperty("isComputeDeal").GetBoolean());
        Assert.Equal(2, lines[1].GetProperty("line").GetInt32());
        Assert.StartsWith("malformed JSON", lines[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("c", lines[2].GetProperty("id").GetString());
        Assert.Equal("title is required", lines[2].GetProperty("error").GetString());
        Assert.Equal(4, lines[3].GetProperty("line").GetInt32());
        Assert.Equal("id is required", lines[3].GetProperty("error").GetString());
        Assert.Equal(5, lines[4].GetProperty("line").GetInt32());
        Assert.Equal("f", lines[5].GetProperty("id").GetString());
        Assert.False(lines[5].GetProperty("isComputeDeal").GetBoolean());
        Assert.Equal(new ClassifyRunSummary(Stories: 2, Deals: 1, Errors: 4), summary);
    }

    [Fact]
    public async Task RunAsync_ManyStories_KeepsInputOrderAndEveryField()
    {
        var stories = Enumerable.Range(0, 1500).Select(i => i % 2 == 0
            ? $$"""{"id":"s{{i}}","title":"OpenAI與亞馬遜簽7年合約 總值380億美元","language":"zh-Hant"}"""
            : $$"""{"id":"s{{i}}","title":"Nasdaq slides 2% as investors dump AI chip stocks"}""");

        var (summary, lines) = await RunAsync(string.Join("\n", stories) + "\n\n");

        Assert.Equal(1500, lines.Count);
        Assert.Equal(Enumerable.Range(0, 1500).Select(i => $"s{i}"), lines.Select(l => l.GetProperty("id").GetString()));
        var deal = lines[0];
        Assert.Equal(38_000_000_000m, deal.GetProperty("amountUsd").GetDecimal());
        Assert.Equal("380億美元", deal.GetProperty("amountText").GetString());
        Assert.Equal("USD", deal.GetProperty("currency").GetString());
        Assert.Equal(7, deal.GetProperty("durationYears").GetDouble());
        Assert.Equal("zh-Hant", deal.GetProperty("language").GetString());
        Assert.Equal(["openai", "amazon"], deal.GetProperty("parties").EnumerateArray().Select(p => p.GetString()));
        foreach (var field in new[] { "dealType", "buyer", "provider", "capacityGw", "confidence" })
        {
            Assert.True(deal.TryGetProperty(field, out _), field);
        }
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("buyer").ValueKind);
        Assert.Equal(750, summary.Deals);
    }
}
