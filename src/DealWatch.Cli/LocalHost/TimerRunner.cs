using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using DealWatch.Core.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace DealWatch.Cli.LocalHost;

/// <summary>
/// Fires a timer function on its NCRONTAB schedule, once per occurrence across every host sharing the storage
/// account: a host fires an occurrence only while it holds the lease on the function's lock blob, and records the
/// occurrence in the blob so that a host that gets the lease later skips it.
/// </summary>
internal sealed partial class TimerRunner(
    TimerFunction function,
    DealWatchStorage storage,
    FunctionInvoker invoker,
    TimeProvider time,
    ILogger logger)
{
    public const string LockContainer = "dealwatch-host";
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);

    private readonly CrontabSchedule _schedule = Parse(function.Schedule, function.Name);

    public TimerFunction Function => function;

    /// <summary>The next occurrence after <paramref name="after"/>, in UTC.</summary>
    public DateTimeOffset NextOccurrence(DateTimeOffset after) =>
        new(_schedule.GetNextOccurrence(after.UtcDateTime), TimeSpan.Zero);

    /// <summary>Fires on schedule until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var last = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = NextOccurrence(last);
            var wait = next - time.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }

                await FireAsync(next, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // As in the Functions host, a failed run is logged and the timer fires again at its next occurrence.
                Log.Failed(logger, function.Name, next, ex);
            }

            last = next;
        }
    }

    /// <summary>
    /// Fires the occurrence <paramref name="occurrence"/> unless another host holds the lock or already fired it;
    /// returns true when this host ran the function.
    /// </summary>
    /// <exception cref="Exception">The function threw; the occurrence is not recorded, so it is not retried either (as with the Functions host).</exception>
    public async Task<bool> FireAsync(DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(LockContainer, cancellationToken).ConfigureAwait(false);
        var blob = container.GetBlobClient($"timers/{storage.Prefix}{function.Name}");
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // The lock blob exists (possibly leased by another host).
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            Log.HeldElsewhere(logger, function.Name, occurrence);
            return false;
        }

        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(lease, renewal.Token);
        try
        {
            var properties = await blob.GetPropertiesAsync(new BlobRequestConditions { LeaseId = lease.LeaseId }, cancellationToken).ConfigureAwait(false);
            if (properties.Value.Metadata.TryGetValue("last", out var lastText)
                && DateTimeOffset.TryParse(lastText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var lastFired)
                && lastFired >= occurrence)
            {
                Log.AlreadyFired(logger, function.Name, occurrence);
                return false;
            }

            Log.Firing(logger, function.Name, occurrence);
            var timer = new TimerInfo { ScheduleStatus = new ScheduleStatus { Last = occurrence.UtcDateTime, Next = NextOccurrence(occurrence).UtcDateTime, LastUpdated = time.GetUtcNow().UtcDateTime } };
            await invoker.InvokeAsync(function, timer, cancellationToken).ConfigureAwait(false);
            await blob.SetMetadataAsync(
                new Dictionary<string, string> { ["last"] = occurrence.ToString("O", CultureInfo.InvariantCulture) },
                new BlobRequestConditions { LeaseId = lease.LeaseId },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            try
            {
                await lease.ReleaseAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestFailedException ex)
            {
                Log.ReleaseFailed(logger, function.Name, ex);
            }
        }
    }

    private async Task RenewAsync(BlobLeaseClient lease, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(LeaseDuration / 3, time, cancellationToken).ConfigureAwait(false);
                await lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (RequestFailedException ex)
        {
            Log.ReleaseFailed(logger, function.Name, ex);
        }
    }

    private static CrontabSchedule Parse(string expression, string name)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 })
            ?? throw new InvalidOperationException($"The schedule '{expression}' of {name} is not a valid NCRONTAB expression ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}).");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9101, EventName = "TimerFiring", Level = LogLevel.Information, Message = "Timer {FunctionName} firing for {Occurrence:O}")]
        public static partial void Firing(ILogger logger, string functionName, DateTimeOffset occurrence);

        [LoggerMessage(EventId = 9102, EventName = "TimerHeldElsewhere", Level = LogLevel.Debug, Message = "Timer {FunctionName} at {Occurrence:O}: another host holds the lock")]
        public static partial void HeldElsewhere(ILogger logger, string functionName, DateTimeOffset occurrence);

        [LoggerMessage(EventId = 9103, EventName = "TimerAlreadyFired", Level = LogLevel.Debug, Message = "Timer {FunctionName} at {Occurrence:O}: already fired by another host")]
        public static partial void AlreadyFired(ILogger logger, string functionName, DateTimeOffset occurrence);

        [LoggerMessage(EventId = 9104, EventName = "TimerFailed", Level = LogLevel.Error, Message = "Timer {FunctionName} failed for {Occurrence:O}")]
        public static partial void Failed(ILogger logger, string functionName, DateTimeOffset occurrence, Exception exception);

        [LoggerMessage(EventId = 9105, EventName = "TimerLeaseFailed", Level = LogLevel.Warning, Message = "Timer {FunctionName}: lease renewal or release failed")]
        public static partial void ReleaseFailed(ILogger logger, string functionName, Exception exception);
    }
}
