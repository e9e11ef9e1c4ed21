using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace DealWatch.Cli.LocalHost;

/// <summary>
/// Calls a function method as the Functions worker does: a fresh instance of its class from the container (in a
/// scope of its own), its trigger payload bound from the message text, and a cancellation token.
/// </summary>
internal sealed class FunctionInvoker(IServiceScopeFactory scopes)
{
    /// <summary>The worker binds queue payloads with System.Text.Json, case-insensitively.</summary>
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>Invokes the function; the function's own exception is rethrown as is.</summary>
    /// <exception cref="JsonException">The message is not the JSON the function takes (a binding failure).</exception>
    public async Task InvokeAsync(FunctionDefinition function, object payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        await using var scope = scopes.CreateAsyncScope();
        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.ClassType);
        try
        {
            await ((Task)function.Method.Invoke(instance, [payload, cancellationToken])!).ConfigureAwait(false);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>Binds a queue message's text to the function's payload type.</summary>
    /// <exception cref="JsonException">The text is not valid JSON for the type.</exception>
    public static object Bind(QueueFunction function, string text)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.PayloadType == typeof(string))
        {
            return text;
        }

        return JsonSerializer.Deserialize(text, function.PayloadType, PayloadJson)
            ?? throw new JsonException($"The message for {function.Name} is JSON null.");
    }
}
