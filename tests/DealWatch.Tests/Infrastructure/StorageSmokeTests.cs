using Azure.Storage.Queues.Models;
using DealWatch.Core.Storage;

namespace DealWatch.Tests.Infrastructure;

public sealed class DealWatchStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task QueueAsync_FreshAccount_CreatesPrefixedQueueThatSpeaksBase64()
    {
        var prefix = AzuriteFixture.NewPrefix();
        var storage = azurite.Storage(prefix);

        var queue = await storage.QueueAsync(QueueNames.Stories, CancellationToken.None);
        await queue.SendMessageAsync("{\"v\":1}");
        QueueMessage[] received = (await queue.ReceiveMessagesAsync(1)).Value;

        Assert.Equal(prefix + "stories", queue.Name);
        Assert.Single(received);
        Assert.Equal("{\"v\":1}", received[0].MessageText);
        // What travels on the wire is base64, as the Functions host's queue trigger expects by default.
        var raw = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, queue.Name);
        await queue.SendMessageAsync("x");
        var peeked = (await raw.PeekMessagesAsync(2)).Value;
        Assert.Contains(peeked, m => m.Body.ToString() == Convert.ToBase64String("x"u8.ToArray()));
    }

    [Fact]
    public async Task TableAsync_CalledConcurrently_CreatesTableOnce()
    {
        var storage = azurite.Storage(AzuriteFixture.NewPrefix());

        var tables = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => storage.TableAsync(TableNames.Deals, CancellationToken.None).AsTask()));
        await tables[0].UpsertEntityAsync(new Azure.Data.Tables.TableEntity("p", "r"));

        Assert.All(tables, t => Assert.Equal(tables[0].Name, t.Name));
        Assert.Equal("r", (await tables[1].GetEntityAsync<Azure.Data.Tables.TableEntity>("p", "r")).Value.RowKey);
    }
}
