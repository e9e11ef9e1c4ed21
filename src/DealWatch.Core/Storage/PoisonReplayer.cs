using Azure.Storage.Queues.Models;

namespace DealWatch.Core.Storage;

/// <summary>Moves messages from a queue's poison queue back onto the queue, for another try once the cause is fixed.</summary>
public sealed class PoisonReplayer(DealWatchStorage storage)
{
    /// <summary>Moves up to <paramref name="max"/> messages from <c>{queue}-poison</c> to <c>{queue}</c>; returns how many moved.</summary>
    /// <param name="queueName">The base name of the queue (<c>stories</c>, <c>alerts</c>, <c>email</c>, <c>teams</c>).</param>
    /// <param name="max">The most messages to move.</param>
    /// <param name="cancellationToken">Stops between messages; each message is either moved whole or left in poison.</param>
    /// <exception cref="ArgumentException">The name is not one of the app's queues.</exception>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task<int> ReplayAsync(string queueName, int max, CancellationToken cancellationToken)
    {
        if (!QueueNames.All.Contains(queueName, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{queueName}' is not a DealWatch queue; use one of: {string.Join(", ", QueueNames.All)}.", nameof(queueName));
        }

        var queue = await storage.QueueAsync(queueName, cancellationToken).ConfigureAwait(false);
        var poison = await storage.QueueAsync(QueueNames.Poison(queueName), cancellationToken).ConfigureAwait(false);
        var moved = 0;
        while (moved < max)
        {
            QueueMessage[] batch = (await poison.ReceiveMessagesAsync(Math.Min(32, max - moved), TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                // Send first, then delete: a crash in between leaves a copy in poison (at-least-once), never a lost message.
                await queue.SendMessageAsync(message.MessageText, cancellationToken).ConfigureAwait(false);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                moved++;
            }
        }

        return moved;
    }
}
