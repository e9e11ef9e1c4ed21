using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Microsoft.Azure.Functions.Worker;

namespace DealWatch.Tests.LocalHost;

/// <summary>A queue payload for the host tests: fail or succeed on demand.</summary>
public sealed record ProbeMessage([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("fail")] bool Fail);

/// <summary>Records what the test functions were called with.</summary>
public sealed class ProbeLog
{
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Set when a timer run has started.</summary>
    public TaskCompletionSource TimerEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A timer run waits for this before it returns.</summary>
    public TaskCompletionSource TimerGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Functions written like the app's (trigger payload and a token, one call), for testing the local host itself.</summary>
public sealed class ProbeFunctions(ProbeLog log)
{
    public const string QueueName = "probe";

    [Function("Probe")]
    public Task Run([QueueTrigger(QueueName)] ProbeMessage message, CancellationToken cancellationToken)
    {
        log.Calls.Enqueue(message.Id);
        return message.Fail ? throw new InvalidOperationException($"Probe {message.Id} was told to fail.") : Task.CompletedTask;
    }

    [Function("ProbeTimer")]
    public async Task Tick([TimerTrigger("%Probe:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        log.Calls.Enqueue("tick " + timer.ScheduleStatus?.Last.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        log.TimerEntered.TrySetResult();
        await log.TimerGate.Task.WaitAsync(cancellationToken);
    }
}
