using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using DealWatch.Core.Storage;
using Microsoft.Extensions.Logging;

namespace DealWatch.Cli.LocalHost;

/// <summary>
/// Runs one queue function against its queue with the Functions host's semantics: batches of
/// <c>batchSize</c>, a new batch when fewer than <c>newBatchThreshold</c> are in flight, a failed message made
/// visible again after <c>visibilityTimeout</c>, and moved to <c>&lt;queue&gt;-poison</c> after its
/// <c>maxDequeueCount</c>th failure.
/// </summary>
internal sealed partial class QueuePump(
    QueueFunction function,
    DealWatchStorage storage,
    FunctionInvoker invoker,
    QueueHostSettings settings,
    TimeProvider time,
    ILogger logger)
{
    private int _inFlight;
    private long _completed;
    private long _failed;

    public QueueFunction Function => function;

    /// <summary>True when the last receive found nothing and no message is being processed.</summary>
    public bool IsIdle { get; private set; }

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Pumps until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var queue = await storage.QueueAsync(function.QueueName, cancellationToken).ConfigureAwait(false);
        var poison = await storage.QueueAsync(QueueNames.Poison(function.QueueName), cancellationToken).ConfigureAwait(false);
        var running = new List<Task>();
        var delay = TimeSpan.FromMilliseconds(50);
        var maxParallel = settings.BatchSize + settings.NewBatchThreshold;
        while (!cancellationToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count > settings.NewBatchThreshold)
            {
                await Task.WhenAny(running).ConfigureAwait(false);
                continue;
            }

            QueueMessage[] messages;
            try
            {
                var want = Math.Clamp(maxParallel - running.Count, 1, Math.Min(settings.BatchSize, 32));
                messages = (await queue.ReceiveMessagesAsync(want, settings.ProcessingVisibility, cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (messages.Length == 0)
            {
                IsIdle = running.Count == 0 && Volatile.Read(ref _inFlight) == 0;
                try
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            IsIdle = false;
            delay = TimeSpan.FromMilliseconds(50);
            foreach (var message in messages)
            {
                Interlocked.Increment(ref _inFlight);
                running.Add(ProcessAsync(queue, poison, message, cancellationToken));
            }
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            // The host checks before running: a message past its dequeue count goes straight to poison.
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, poison, message, cancellationToken).ConfigureAwait(false);
                return;
            }

            var started = time.GetTimestamp();
            try
            {
                var payload = FunctionInvoker.Bind(function, message.MessageText);
                await invoker.InvokeAsync(function, payload, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failed);
                Log.Failed(logger, function.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, ex is JsonException ? "binding failed: " + ex.Message : ex.Message, ex);
                if (message.DequeueCount >= settings.MaxDequeueCount)
                {
                    await MoveToPoisonAsync(queue, poison, message, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await ReleaseAsync(queue, message, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _completed);
            Log.Succeeded(logger, function.Name, message.MessageId, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the message reappears after its processing visibility, as with the Functions host.
        }
        catch (RequestFailedException ex)
        {
            Log.StorageFailed(logger, function.Name, message.MessageId, ex);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task ReleaseAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        await poison.SendMessageAsync(message.MessageText, cancellationToken).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        Log.Poisoned(logger, function.Name, message.MessageId, poison.Name, message.DequeueCount);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9001, EventName = "FunctionSucceeded", Level = LogLevel.Debug, Message = "{FunctionName} completed message {MessageId} in {ElapsedMs:0} ms")]
        public static partial void Succeeded(ILogger logger, string functionName, string messageId, double elapsedMs);

        [LoggerMessage(EventId = 9002, EventName = "FunctionFailed", Level = LogLevel.Warning, Message = "{FunctionName} failed on message {MessageId} (try {DequeueCount} of {MaxDequeueCount}): {Reason}")]
        public static partial void Failed(ILogger logger, string functionName, string messageId, long dequeueCount, int maxDequeueCount, string reason, Exception exception);

        [LoggerMessage(EventId = 9003, EventName = "MessagePoisoned", Level = LogLevel.Error, Message = "{FunctionName}: message {MessageId} moved to {PoisonQueue} after {DequeueCount} tries")]
        public static partial void Poisoned(ILogger logger, string functionName, string messageId, string poisonQueue, long dequeueCount);

        [LoggerMessage(EventId = 9004, EventName = "QueueStorageFailed", Level = LogLevel.Error, Message = "{FunctionName}: storage failed while settling message {MessageId}; it will reappear")]
        public static partial void StorageFailed(ILogger logger, string functionName, string messageId, Exception exception);
    }
}
