using System.Threading.Channels;
using Kairos.Sdk.Events;

namespace Kairos.Plugins.Tests.Support;

internal static class Waits
{
    /// <summary>A safety net for signals that should come at once; a test never waits this long when it passes.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static async Task<T> NextAsync<T>(this Channel<T> channel)
    {
        using var cts = new CancellationTokenSource(Patience);
        return await channel.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Reads lifecycle events until one of <paramref name="type"/> for <paramref name="id"/> arrives.</summary>
    public static async Task<KairosEvent> LifecycleAsync(this TestPluginHost host, string type, string id)
    {
        while (true)
        {
            var evt = await host.Lifecycle.NextAsync();
            if (evt.Type == type && evt.Subject == id)
            {
                return evt;
            }
        }
    }

    public static async Task<T> Within<T>(this Task<T> task) => await task.WaitAsync(Patience);

    public static async Task Within(this Task task) => await task.WaitAsync(Patience);
}
