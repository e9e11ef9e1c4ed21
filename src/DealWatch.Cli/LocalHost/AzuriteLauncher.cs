using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace DealWatch.Cli.LocalHost;

/// <summary>
/// Finds an Azurite already listening on its ports, or starts one from the repository's <c>node_modules</c>
/// (running <c>npm ci</c> first when it is not installed). Disposing the handle stops an Azurite it started.
/// </summary>
internal static partial class AzuriteLauncher
{
    /// <summary>Azurite's documented development account; its key is public and works only against the emulator.</summary>
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string ConnectionString(AzuritePorts ports) =>
        $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
        $"BlobEndpoint=http://127.0.0.1:{ports.Blob}/{DevAccount};" +
        $"QueueEndpoint=http://127.0.0.1:{ports.Queue}/{DevAccount};" +
        $"TableEndpoint=http://127.0.0.1:{ports.Table}/{DevAccount};";

    /// <summary>Returns a running Azurite on <paramref name="ports"/>, starting one when none listens.</summary>
    /// <param name="ports">The three ports.</param>
    /// <param name="dataDirectory">Where a started Azurite keeps its data; null keeps it in memory.</param>
    /// <param name="logger">Where progress goes.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="InvalidOperationException">Azurite could not be found, installed or started; the message says what to do.</exception>
    public static async Task<AzuriteHandle> EnsureRunningAsync(AzuritePorts ports, string? dataDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        var listening = await CountListeningAsync(ports, cancellationToken).ConfigureAwait(false);
        if (listening == 3)
        {
            Log.FoundRunning(logger, ports.Blob, ports.Queue, ports.Table);
            return new AzuriteHandle(ports, process: null);
        }

        if (listening > 0)
        {
            throw new InvalidOperationException(
                $"Something listens on some but not all of Azurite's ports ({ports.Blob}, {ports.Queue}, {ports.Table}); stop it or start Azurite with all three services.");
        }

        var root = RepositoryRoot.Find()
            ?? throw new InvalidOperationException("Azurite is not running and no repository (package.json) was found to start it from; start Azurite on ports 10000-10002.");
        var script = Path.Combine(root.FullName, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            Log.Installing(logger, root.FullName);
            await RunToEndAsync("npm", ["ci", "--no-audit", "--no-fund"], root.FullName, cancellationToken).ConfigureAwait(false);
        }

        var arguments = new List<string>
        {
            script, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--blobPort", ports.Blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", ports.Queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", ports.Table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (dataDirectory is null)
        {
            arguments.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataDirectory);
            arguments.AddRange(["--location", dataDirectory]);
        }

        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js is needed to run Azurite, and 'node' was not found on PATH.", ex);
        }

        // Drain the pipes so a chatty Azurite never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { Log.AzuriteSaid(logger, line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var handle = new AzuriteHandle(ports, process);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while (await CountListeningAsync(ports, timeout.Token).ConfigureAwait(false) < 3)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before it listened on ports {ports.Blob}-{ports.Table}.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token).ConfigureAwait(false);
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        Log.Started(logger, process.Id, ports.Blob, ports.Queue, ports.Table);
        return handle;
    }

    private static async Task<int> CountListeningAsync(AzuritePorts ports, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var port in new[] { ports.Blob, ports.Queue, ports.Table })
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
                count++;
            }
            catch (SocketException)
            {
            }
        }

        return count;
    }

    private static async Task RunToEndAsync(string fileName, string[] arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()}");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, EventName = "AzuriteFound", Level = LogLevel.Debug, Message = "Using the Azurite already listening on ports {BlobPort}, {QueuePort}, {TablePort}")]
        public static partial void FoundRunning(ILogger logger, int blobPort, int queuePort, int tablePort);

        [LoggerMessage(EventId = 101, EventName = "AzuriteInstalling", Level = LogLevel.Information, Message = "Azurite is not installed; running npm ci in {Directory}")]
        public static partial void Installing(ILogger logger, string directory);

        [LoggerMessage(EventId = 102, EventName = "AzuriteStarted", Level = LogLevel.Information, Message = "Started Azurite (pid {ProcessId}) on ports {BlobPort}, {QueuePort}, {TablePort}")]
        public static partial void Started(ILogger logger, int processId, int blobPort, int queuePort, int tablePort);

        [LoggerMessage(EventId = 103, EventName = "AzuriteStderr", Level = LogLevel.Debug, Message = "Azurite: {Line}")]
        public static partial void AzuriteSaid(ILogger logger, string line);
    }
}

/// <summary>The three ports of Azurite's blob, queue and table services.</summary>
internal readonly record struct AzuritePorts(int Blob, int Queue, int Table)
{
    public static AzuritePorts Default { get; } = new(10000, 10001, 10002);
}

/// <summary>A running Azurite; disposing stops it when this process started it.</summary>
internal sealed partial class AzuriteHandle(AzuritePorts ports, Process? process) : IDisposable
{
    private const int SigTerm = 15;

    public AzuritePorts Ports { get; } = ports;

    public string ConnectionString => AzuriteLauncher.ConnectionString(Ports);

    /// <summary>True when this process started Azurite (and stops it on dispose).</summary>
    public bool Owned => process is not null;

    /// <summary>
    /// Stops an Azurite this process started. It is asked to shut down first (SIGTERM), because it saves its data
    /// every few seconds and on shutdown: killed outright, it would forget the last seconds of queue and table writes.
    /// </summary>
    public void Dispose()
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited && !OperatingSystem.IsWindows() && SysKill(process.Id, SigTerm) == 0)
            {
                process.WaitForExit(TimeSpan.FromSeconds(15));
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);
}
