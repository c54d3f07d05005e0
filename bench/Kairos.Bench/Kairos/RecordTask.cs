using Kairos.Bench.Measurement;
using Kairos.Sdk.Tasks;

namespace Kairos.Bench.Kairos;

/// <summary><c>bench.record</c>: the benchmark's job body, registered like any plugin task. Records (scheduled, start).</summary>
public sealed class RecordTask(FireRecorder? recorder) : IScheduledTask
{
    public const string Id = "bench.record";

    private static readonly Task<TaskResult> s_success = Task.FromResult(TaskResult.Success());

    public string TaskId => Id;
    public string Name => "Benchmark record";
    public string Description => "Records its scheduled time and actual start for the benchmark harness.";

    public Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        recorder?.Record(context.ScheduledAt.UtcTicks);
        return s_success;
    }
}
