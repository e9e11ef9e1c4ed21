using System.Text.Json;
using DealWatch.Core;
using DealWatch.Core.Sources;
using DealWatch.Core.Storage;
using DealWatch.Core.Stories;
using DealWatch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DealWatch.Tests.EndToEnd;

/// <summary>Failing messages on Azurite: the poison queue after the configured retries, and replay.</summary>
public sealed class PipelineTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ClassifyStory_StoryWhoseProcessingThrows_EndsInPoisonAfterTheRetries_AndReplayBringsItBack()
    {
        await using var harness = PipelineHarness.Create(azurite, []);
        const string storyId = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
        await harness.SendAsync(QueueNames.Stories, new StoryMessage(MessageVersions.Current, storyId));

        // The story is not in the table: ClassifyStory throws on every try.
        await harness.DrainAsync();

        var poisoned = Assert.Single(await harness.PeekAsync(QueueNames.Poison(QueueNames.Stories)));
        Assert.Equal(storyId, JsonSerializer.Deserialize<StoryMessage>(poisoned)!.StoryId);
        Assert.Empty(await harness.PeekAsync(QueueNames.Stories));

        // Mend the cause, replay the poison queue (what `dealwatch replay stories` does), and the story goes through.
        var stories = harness.Services.GetRequiredService<StoryStore>();
        await stories.AddAsync(new NewsStory(storyId, "TSMC October revenue up 16.9% on AI demand", "https://news.example.com/tsmc", null, "", "en", "Wire Desk", "v1:x"), DateTimeOffset.UtcNow, CancellationToken.None);
        var moved = await harness.Services.GetRequiredService<PoisonReplayer>().ReplayAsync(QueueNames.Stories, int.MaxValue, CancellationToken.None);
        Assert.Equal(1, moved);
        Assert.Single(await harness.PeekAsync(QueueNames.Stories));
        await harness.DrainAsync();

        Assert.Empty(await harness.PeekAsync(QueueNames.Poison(QueueNames.Stories)));
        var stored = await stories.GetAsync(storyId, CancellationToken.None);
        Assert.NotNull(stored!.Classification);
        Assert.False(stored.Classification.IsComputeDeal);
    }

    [Fact]
    public async Task ReplayCommand_MovesPoisonMessagesBack_AsTheCliVerb()
    {
        await using var harness = PipelineHarness.Create(azurite, []);
        var poison = await harness.Storage.QueueAsync(QueueNames.Poison(QueueNames.Alerts), CancellationToken.None);
        await poison.SendMessageAsync("""{"v":1,"alertId":"a1"}""");
        await poison.SendMessageAsync("""{"v":1,"alertId":"a2"}""");
        Environment.SetEnvironmentVariable("AzureWebJobsStorage", azurite.ConnectionString);
        try
        {
            var exit = await DealWatch.Cli.Commands.ReplayCommand.Create().Parse(["alerts", "--prefix", harness.Prefix]).InvokeAsync();
            Assert.Equal(0, exit);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AzureWebJobsStorage", null);
        }

        Assert.Empty(await harness.PeekAsync(QueueNames.Poison(QueueNames.Alerts)));
        Assert.Equal(["a1", "a2"], (await harness.PeekAsync(QueueNames.Alerts)).Select(m => JsonSerializer.Deserialize<AlertMessage>(m)!.AlertId).Order(StringComparer.Ordinal));
    }
}
