using Kairos.Storage.Tasks;
using static Kairos.Storage.Conformance.StoreSamples;

namespace Kairos.Storage.Conformance;

/// <summary>What every <see cref="ITaskDefinitionStore"/> must do.</summary>
public abstract class TaskDefinitionStoreConformance : StoreConformanceBase
{
    [Fact]
    public async Task Upsert_then_Get_round_trips_every_field()
    {
        var withSchema = TaskDefinition("fund.nav_update", "fund", Start);
        var withoutSchema = TaskDefinition("kairos.noop", "kairos", Start) with { ConfigSchemaJson = null, Description = "", Available = false };

        await Store.Tasks.UpsertAsync(withSchema);
        await Store.Tasks.UpsertAsync(withoutSchema);

        Assert.Equal(withSchema, await Store.Tasks.GetAsync("fund.nav_update"));
        Assert.Equal(withoutSchema, await Store.Tasks.GetAsync("kairos.noop"));
        Assert.Null(await Store.Tasks.GetAsync("missing"));
    }

    [Fact]
    public async Task Upsert_replaces_the_task_with_the_same_id()
    {
        await Store.Tasks.UpsertAsync(TaskDefinition("t", "p", Start));
        var replaced = TaskDefinition("t", "p2", Start.AddHours(1)) with { Name = "new", PluginVersion = "2.0.0", ConfigSchemaJson = OddJson };

        await Store.Tasks.UpsertAsync(replaced);

        Assert.Equal([replaced], await Store.Tasks.ListAsync());
    }

    [Fact]
    public async Task List_orders_by_task_id()
    {
        await Store.Tasks.UpsertAsync(TaskDefinition("b", "p", Start));
        await Store.Tasks.UpsertAsync(TaskDefinition("a", "p", Start));
        await Store.Tasks.UpsertAsync(TaskDefinition("c", "q", Start));

        Assert.Equal(["a", "b", "c"], (await Store.Tasks.ListAsync()).Select(t => t.TaskId));
    }

    [Fact]
    public async Task MarkPluginUnavailable_changes_only_that_plugins_available_tasks()
    {
        await Store.Tasks.UpsertAsync(TaskDefinition("fund.a", "fund", Start));
        await Store.Tasks.UpsertAsync(TaskDefinition("fund.b", "fund", Start));
        await Store.Tasks.UpsertAsync(TaskDefinition("fund.c", "fund", Start, available: false));
        await Store.Tasks.UpsertAsync(TaskDefinition("okx.a", "okx", Start));
        var at = Start.AddMinutes(3);

        Assert.Equal(2, await Store.Tasks.MarkPluginUnavailableAsync("fund", at));
        Assert.Equal(0, await Store.Tasks.MarkPluginUnavailableAsync("fund", at.AddMinutes(1)));

        var tasks = (await Store.Tasks.ListAsync()).ToDictionary(t => t.TaskId);
        Assert.False(tasks["fund.a"].Available);
        Assert.Equal(at, tasks["fund.a"].UpdatedAt);
        Assert.False(tasks["fund.b"].Available);
        Assert.Equal(Start, tasks["fund.c"].UpdatedAt);
        Assert.True(tasks["okx.a"].Available);
        Assert.Equal(Start, tasks["okx.a"].UpdatedAt);
    }

    [Fact]
    public async Task MarkPluginUnavailable_for_an_unknown_plugin_changes_nothing()
    {
        await Store.Tasks.UpsertAsync(TaskDefinition("a", "p", Start));

        Assert.Equal(0, await Store.Tasks.MarkPluginUnavailableAsync("unknown", Start));
        Assert.True((await Store.Tasks.GetAsync("a"))!.Available);
    }
}
