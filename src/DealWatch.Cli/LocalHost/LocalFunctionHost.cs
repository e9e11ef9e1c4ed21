using System.Reflection;
using DealWatch.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DealWatch.Cli.LocalHost;

/// <summary>
/// Runs the Function App's own function classes outside the Functions host: timers on their schedules (once
/// across hosts) and queue functions with host.json's queue semantics. For development, demos and tests; in Azure
/// the Functions host runs the same classes.
/// </summary>
internal sealed partial class LocalFunctionHost
{
    private readonly DealWatchStorage _storage;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public LocalFunctionHost(
        Assembly functionsAssembly,
        IConfiguration configuration,
        DealWatchStorage storage,
        FunctionInvoker invoker,
        QueueHostSettings settings,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _storage = storage;
        _time = time;
        _logger = loggers.CreateLogger("DealWatch.LocalHost");
        Functions = FunctionCatalog.Discover(functionsAssembly, configuration);
        Timers = Functions.OfType<TimerFunction>().Select(f => new TimerRunner(f, storage, invoker, time, loggers.CreateLogger("Function." + f.Name))).ToArray();
        Pumps = Functions.OfType<QueueFunction>().Select(f => new QueuePump(f, storage, invoker, settings, time, loggers.CreateLogger("Function." + f.Name))).ToArray();
    }

    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public IReadOnlyList<TimerRunner> Timers { get; }

    public IReadOnlyList<QueuePump> Pumps { get; }

    /// <summary>Runs every timer and queue function until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Log.Starting(_logger, Timers.Count, Pumps.Count);
        var tasks = Timers.Select(t => t.RunAsync(cancellationToken)).Concat(Pumps.Select(p => p.RunAsync(cancellationToken)));
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>
    /// Fires each named timer once, in order, and after each one runs the queue functions until every queue is
    /// empty: the demo's "run every function until the queues are drained".
    /// </summary>
    /// <exception cref="TimeoutException">The queues did not drain within <paramref name="timeout"/>.</exception>
    public async Task FireAndDrainAsync(IEnumerable<string> timerNames, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timerNames);
        using var pumping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pumps = Pumps.Select(p => p.RunAsync(pumping.Token)).ToArray();
        try
        {
            foreach (var name in timerNames)
            {
                var timer = Timers.FirstOrDefault(t => t.Function.Name == name)
                    ?? throw new InvalidOperationException($"There is no timer function named {name}.");
                var occurrence = _time.GetUtcNow();
                await timer.FireAsync(new DateTimeOffset(occurrence.Ticks - occurrence.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
                await WaitUntilDrainedAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await pumping.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pumps).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until every pump is idle and every queue is empty, twice in a row.</summary>
    /// <exception cref="TimeoutException">Not drained within <paramref name="timeout"/>.</exception>
    public async Task WaitUntilDrainedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        var quietChecks = 0;
        while (quietChecks < 2)
        {
            if (_time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The queues did not drain within {timeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken).ConfigureAwait(false);
            quietChecks = Pumps.All(p => p.IsIdle) && await QueuedMessagesAsync(cancellationToken).ConfigureAwait(false) == 0 ? quietChecks + 1 : 0;
        }
    }

    /// <summary>Messages on the functions' queues, visible or not (failed ones waiting for their retry count).</summary>
    private async Task<int> QueuedMessagesAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var pump in Pumps)
        {
            var queue = await _storage.QueueAsync(pump.Function.QueueName, cancellationToken).ConfigureAwait(false);
            total += (await queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        }

        return total;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9201, EventName = "LocalHostStarting", Level = LogLevel.Information, Message = "Local host running {TimerCount} timer and {QueueCount} queue functions")]
        public static partial void Starting(ILogger logger, int timerCount, int queueCount);
    }
}
