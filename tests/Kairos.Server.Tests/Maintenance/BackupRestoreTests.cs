using System.Collections.Concurrent;
using Kairos.Server.Configuration;
using Kairos.Server.Maintenance;
using Kairos.Server.Plugins;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Server.Tests.Maintenance;

/// <summary>The whole path: the server's online backup taken while the engine writes, then restore, then every acknowledged write is there.</summary>
public sealed class BackupRestoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 19, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task BackupDuringWrites_ThenRestore_FindsEveryAcknowledgedJobAndRun()
    {
        using var folder = new TempDataFolder();
        var live = folder.File("live");
        var acknowledged = new ConcurrentQueue<(string Job, string Run)>();
        string backupFile;
        await using (var store = await RestoreCommandTests.OpenAsync(live))
        {
            var maintenance = new HostMaintenance(store, Options(live), new ConfigurationBuilder().Build());
            var seed = Enumerable.Range(0, 5000).Select(i => Run($"seed_{i:D5}", "seed_job", Now.AddDays(-3).AddMinutes(i))).ToList();
            foreach (var chunk in seed.Chunk(500))
            {
                await store.Runs.WriteBatchAsync(chunk);
            }
            using var stop = new CancellationTokenSource();
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writer = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    await store.Jobs.TryInsertAsync(RestoreCommandTests.Job($"job_{i:D5}"));
                    await store.Runs.WriteBatchAsync([Run($"run_{i:D5}", $"job_{i:D5}", Now.AddSeconds(i))]);
                    acknowledged.Enqueue(($"job_{i:D5}", $"run_{i:D5}"));
                    if (i == 50)
                    {
                        enough.SetResult();
                    }
                }
            });
            await enough.Task;
            var before = acknowledged.ToArray();

            var backup = await maintenance.BackupAsync(Path.Combine(live, "backups", "kairos-20261101T193000Z.db"));

            await stop.CancelAsync();
            await writer;
            Assert.True(backup.IsSound, backup.IntegrityCheck);
            backupFile = backup.Path;
            var data = folder.File("restored");
            // The folder restored into already has a database (of a fresh install): it is put aside.
            await (await RestoreCommandTests.OpenAsync(data)).DisposeAsync();

            var code = await RestoreCommand.RunAsync(data, backupFile, new StringWriter(), new FakeTimeProvider(Now.AddHours(1)), CancellationToken.None);

            Assert.Equal(RestoreCommand.Restored, code);
            await using var restored = await RestoreCommandTests.OpenAsync(data);
            foreach (var (job, run) in before)
            {
                Assert.NotNull(await restored.Jobs.GetAsync(job));
                Assert.NotNull(await restored.Runs.GetAsync(run));
            }
            Assert.NotNull(await restored.Runs.GetAsync("seed_04999"));
            // Nothing the writer did not acknowledge (the copy is one consistent moment).
            var all = acknowledged.Select(a => a.Job).ToHashSet();
            Assert.All((await restored.Jobs.ListAsync()).Select(j => j.JobId), id => Assert.Contains(id, all));
        }
    }

    private static KairosServerOptions Options(string data) => new()
    {
        SchedulerTimeZone = TimeZoneInfo.Utc,
        DataDirectory = data,
        NodeId = "test",
        PluginsDirectory = Path.Combine(data, "plugins"),
    };

    private static RunRecord Run(string id, string job, DateTimeOffset at) => new()
    {
        RunId = id,
        JobId = job,
        TaskId = "test_task",
        Trigger = RunTrigger.Schedule,
        ScheduledAt = at,
        StartedAt = at,
        FinishedAt = at.AddSeconds(1),
        Status = RunStatus.Succeeded,
        ResultJson = """{"payload":"0123456789012345678901234567890123456789"}""",
        Node = "test",
    };
}
