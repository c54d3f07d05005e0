using Kairos.Plugins.Discovery;

namespace Kairos.Plugins.Loading;

/// <summary>Orders plugins so each comes after the plugins it depends on, and names dependency cycles.</summary>
internal static class DependencyOrder
{
    /// <summary>
    /// Topological order of <paramref name="candidates"/> (edges to plugins outside the set are ignored; ties
    /// by id). Plugins on a cycle are left out and returned in <paramref name="cycles"/> with the cycle spelled out.
    /// </summary>
    public static List<PluginCandidate> Sort(IEnumerable<PluginCandidate> candidates, out Dictionary<string, string> cycles)
    {
        var byId = candidates.Where(c => c.Manifest is not null).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var pendingDependencies = byId.Values.ToDictionary(c => c.Id, c => c.Manifest!.Dependencies.Keys.Count(byId.ContainsKey), StringComparer.Ordinal);
        var ready = new SortedSet<string>(pendingDependencies.Where(p => p.Value == 0).Select(p => p.Key), StringComparer.Ordinal);
        var order = new List<PluginCandidate>();
        while (ready.Count > 0)
        {
            var id = ready.Min!;
            ready.Remove(id);
            order.Add(byId[id]);
            foreach (var dependent in byId.Values.Where(c => c.Manifest!.Dependencies.ContainsKey(id)))
            {
                if (--pendingDependencies[dependent.Id] == 0)
                {
                    ready.Add(dependent.Id);
                }
            }
        }
        cycles = new Dictionary<string, string>(StringComparer.Ordinal);
        var placed = order.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in byId.Keys.Where(id => !placed.Contains(id)).Order(StringComparer.Ordinal))
        {
            var path = FindCycle(id, byId);
            cycles[id] = path is null
                ? $"depends on a plugin in a dependency cycle ({string.Join(", ", byId[id].Manifest!.Dependencies.Keys.Where(k => byId.ContainsKey(k) && !placed.Contains(k)))})"
                : $"dependency cycle: {string.Join(" -> ", path)}";
        }
        return order;
    }

    private static List<string>? FindCycle(string start, Dictionary<string, PluginCandidate> byId)
    {
        var path = new List<string> { start };
        var visited = new HashSet<string>(StringComparer.Ordinal);
        return Walk(start) ? path : null;

        bool Walk(string current)
        {
            foreach (var next in byId[current].Manifest!.Dependencies.Keys.Where(byId.ContainsKey).Order(StringComparer.Ordinal))
            {
                if (next == start)
                {
                    path.Add(next);
                    return true;
                }
                if (visited.Add(next))
                {
                    path.Add(next);
                    if (Walk(next))
                    {
                        return true;
                    }
                    path.RemoveAt(path.Count - 1);
                }
            }
            return false;
        }
    }
}
