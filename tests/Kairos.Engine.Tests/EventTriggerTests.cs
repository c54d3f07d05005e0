using System.Text.Json;
using Kairos.Engine.Tests.Support;
using Kairos.Events;
using Kairos.Sdk.Tasks;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Tests;

public sealed class EventTriggerTests
{
    [Fact]
    public async Task An_event_job_runs_once_per_matching_event_with_the_event_in_its_context()
    {
        var gate = new GateTask();
        await using var h = await EngineHarness.StartAsync([gate]);
        var job = await h.CreateJobAsync("""{"job_id":"on_nav","task_id":"test.gate","schedule":{"type":"event","event_type":"fund.nav.updated","filter":"event.data.fund_code == '000001'"}}""");
        Assert.Null(job.NextFireTime);

        await h.Bus.PublishAsync(new EventDraft { Type = "fund.nav.updated", Source = "fund", Data = JsonSerializer.SerializeToElement(new { fund_code = "000002" }) });
        await h.Bus.PublishAsync(new EventDraft { Type = "fund.nav.updated", Source = "fund", Subject = "000001", Data = JsonSerializer.SerializeToElement(new { fund_code = "000001" }) });
        await h.Bus.PublishAsync(new EventDraft { Type = "fund.positions.synced", Source = "fund", Data = JsonSerializer.SerializeToElement(new { fund_code = "000001" }) });

        await h.WaitForAsync(r => r.Any(x => x.JobId == "on_nav" && x.Status == RunStatus.Running), "the event run started");
        gate.Release();
        var records = await h.WaitForFinishedAsync("on_nav", 1);
        var run = records.Last(r => r.JobId == "on_nav");
        Assert.Equal(RunTrigger.Event, run.Trigger);
        Assert.NotNull(run.TriggerEventId);
        var context = Assert.Single(gate.Contexts);
        Assert.Equal("000001", context.TriggerEvent!.Subject);
    }

    [Fact]
    public async Task A_job_triggered_by_the_event_it_publishes_is_cut_at_the_chain_depth()
    {
        await using var h = await EngineHarness.StartAsync([new EchoTask()], new EngineOptions
        {
            DefaultTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
            NodeId = "test-node",
            MaxChainDepth = 3,
        });
        await h.CreateJobAsync("""{"job_id":"echo","task_id":"test.echo","schedule":{"type":"event","event_type":"loop.ping"}}""");
        await h.Bus.PublishAsync(new EventDraft { Type = "loop.ping", Source = "external" });

        var records = await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Skipped), "the loop guard");
        var skipped = records.Single(x => x.Status == RunStatus.Skipped);
        Assert.Contains("MaxChainDepth 3", skipped.Reason, StringComparison.Ordinal);
        // Depth 0 (external) triggers runs that publish depth 1, 2, 3; the event at depth 3 would start depth 4.
        Assert.Equal(3, h.FinishedRuns().Count(x => x.Status == RunStatus.Succeeded));
    }

    private sealed class EchoTask : IScheduledTask
    {
        public string TaskId => "test.echo";
        public string Name => "Echo";
        public string Description => "Publishes the event that triggers it.";

        public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
        {
            await context.Events.PublishAsync("loop.ping", new { from = context.RunId }, cancellationToken: cancellationToken);
            return TaskResult.Success();
        }
    }
}
