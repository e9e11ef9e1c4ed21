using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace DealWatch.Cli.LocalHost;

/// <summary>One function of the Function App, as its attributes declare it.</summary>
internal abstract record FunctionDefinition(string Name, Type ClassType, MethodInfo Method);

/// <summary>A timer function and its six-field NCRONTAB schedule, with <c>%Setting%</c> resolved.</summary>
internal sealed record TimerFunction(string Name, Type ClassType, MethodInfo Method, string Schedule) : FunctionDefinition(Name, ClassType, Method);

/// <summary>A queue function, the queue it listens on, and the payload type it takes.</summary>
internal sealed record QueueFunction(string Name, Type ClassType, MethodInfo Method, string QueueName, Type PayloadType) : FunctionDefinition(Name, ClassType, Method);

/// <summary>
/// Reads the functions of the Function App assembly from their attributes: the same <c>[Function]</c>,
/// <c>[TimerTrigger]</c> and <c>[QueueTrigger]</c> the Worker SDK turns into <c>functions.metadata</c>.
/// </summary>
internal static class FunctionCatalog
{
    /// <exception cref="InvalidOperationException">A function's signature is not (trigger payload, CancellationToken), or a schedule setting is missing.</exception>
    public static IReadOnlyList<FunctionDefinition> Discover(Assembly assembly, IConfiguration configuration)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var parameters = method.GetParameters();
                if (parameters.Length != 2 || parameters[1].ParameterType != typeof(CancellationToken) || method.ReturnType != typeof(Task))
                {
                    throw new InvalidOperationException($"Function {function.Name} must take (trigger payload, CancellationToken) and return Task.");
                }

                var trigger = parameters[0];
                if (trigger.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
                {
                    functions.Add(new TimerFunction(function.Name, type, method, Resolve(timer.Schedule, configuration, function.Name)));
                }
                else if (trigger.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
                {
                    functions.Add(new QueueFunction(function.Name, type, method, Resolve(queue.QueueName, configuration, function.Name), trigger.ParameterType));
                }
                else
                {
                    throw new InvalidOperationException($"Function {function.Name} has a trigger the local host does not run.");
                }
            }
        }

        return functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Resolves a <c>%Setting%</c> binding expression the way the Functions host does.</summary>
    private static string Resolve(string value, IConfiguration configuration, string function)
    {
        if (value.Length > 2 && value[0] == '%' && value[^1] == '%')
        {
            var key = value[1..^1];
            return configuration[key] is { Length: > 0 } resolved
                ? resolved
                : throw new InvalidOperationException($"Function {function} needs the setting '{key}' (environment variable '{key.Replace(":", "__", StringComparison.Ordinal)}').");
        }

        return value;
    }
}
