using Kairos.Engine.Jobs;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Runs;

/// <summary>A run record waiting in the run writer's queue, with its job's last-run summary when known.</summary>
internal readonly record struct QueuedRun(RunRecord Record, LastRunSummary? LastRun);
