using Kairos.Plugins.Hosting;
using Kairos.Sdk;
using Kairos.Sdk.Events;

namespace Kairos.Plugins.Runtime;

/// <summary>
/// The <see cref="IEventSubscriber"/> a plugin resolves: subscriptions it makes at run time go through the
/// host, count as the plugin's in-flight work, and are all disposed when the plugin unloads.
/// </summary>
internal sealed class PluginEventSubscriber(IPluginHost host, PluginRuntime runtime) : IEventSubscriber, IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<IDisposable> _subscriptions = [];
    private bool _disposed;

    public IDisposable Subscribe(string pattern, Func<KairosEvent, CancellationToken, Task> handler, SubscriptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = SubscribeThroughHost(host, runtime, pattern, (_, evt, ct) => handler(evt, ct), options);
        lock (_lock)
        {
            if (_disposed)
            {
                subscription.Dispose();
                throw new ObjectDisposedException($"plugin '{runtime.PluginId}' is unloading");
            }
            _subscriptions.Add(subscription);
        }
        return subscription;
    }

    public void Dispose()
    {
        IDisposable[] all;
        lock (_lock)
        {
            _disposed = true;
            all = [.. _subscriptions];
            _subscriptions.Clear();
        }
        foreach (var subscription in all)
        {
            subscription.Dispose();
        }
    }

    /// <summary>Subscribes a plugin handler: it runs as the plugin's work, with its JSON options, and stops on drain.</summary>
    public static IDisposable SubscribeThroughHost(IPluginHost host, PluginRuntime runtime, string pattern,
        Func<IServiceProvider, KairosEvent, CancellationToken, Task> handler, SubscriptionOptions? options)
    {
        async Task Handle(KairosEvent evt, CancellationToken cancellationToken)
        {
            if (!runtime.Activity.TryEnter(out var lease))
            {
                return; // unloading: the new version (if any) has its own subscription
            }
            using (lease)
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, runtime.Activity.Cancelled);
                Task work;
                using (KairosJson.UseOptions(runtime.JsonOptions))
                {
                    work = handler(runtime.Services, evt, linked.Token);
                }
                await work.ConfigureAwait(false);
            }
        }
        var named = (options ?? new SubscriptionOptions()) with { Name = options?.Name ?? $"plugin:{runtime.PluginId}:{pattern}" };
        // The bus starts a delivery loop per subscription; it must not capture the plugin's async-local state.
        using (ExecutionContext.SuppressFlow())
        {
            return host.Subscribe(pattern, Handle, named);
        }
    }
}
