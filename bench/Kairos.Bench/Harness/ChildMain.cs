using Kairos.Bench.Kairos;
using Kairos.Bench.Measurement;
using Kairos.Bench.Scenarios;
using Kairos.Bench.Systems;

namespace Kairos.Bench.Harness;

/// <summary>A child process: runs one scenario against one configuration and prints one result line.</summary>
public static class ChildMain
{
    public static async Task<int> RunAsync(string scenario, string config, ChildSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ChildResult result;
        try
        {
            result = scenario switch
            {
                "prepare" => await PrepareAsync(config, settings).ConfigureAwait(false),
                "w1" => await WithSystemAsync(config, settings, system => RecurringScenario.RunAsync(system, settings.Int("n"),
                    settings.Get("shape") == "spread", settings.Seconds("warmup"), settings.Seconds("measure"))).ConfigureAwait(false),
                "w2" => await WithSystemAsync(config, settings, system => OneOffScenario.RunAsync(system, settings.Int("n"), settings.Int("warmup"))).ConfigureAwait(false),
                "w3" => await StartupScenario.RunAsync(settings.Get("work"), settings.Long("launch"), settings.Int("n")).ConfigureAwait(false),
                "w4" => await EventBusScenario.RunAsync(settings.Get("work"), settings.Int("publishers"), settings.Seconds("warmup"), settings.Seconds("measure")).ConfigureAwait(false),
                "w5" => await ApiScenario.RunAsync(settings.Get("server"), settings.Get("work"), settings.Int("jobs"), settings.Int("lists")).ConfigureAwait(false),
                _ => ChildResult.Failed($"unknown scenario '{scenario}'"),
            };
        }
#pragma warning disable CA1031 // Any failure becomes a reported result; the parent carries on with the next run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = ChildResult.Failed(ex.GetType().Name + ": " + ex.Message);
            await Console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
        }
        await Console.Out.WriteLineAsync(result.ToLine()).ConfigureAwait(false);
        await Console.Out.FlushAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task<ChildResult> WithSystemAsync(string config, ChildSettings settings, Func<ISystemUnderTest, Task<ChildResult>> run)
    {
        var system = Create(config, settings);
        await using (system.ConfigureAwait(false))
        {
            return await run(system).ConfigureAwait(false);
        }
    }

    private static ISystemUnderTest Create(string config, ChildSettings settings) => config switch
    {
        Configs.Floor => new FloorSystem(),
        Configs.QuartzDefault => new QuartzSystem(tuned: false),
        Configs.QuartzTuned => new QuartzSystem(tuned: true),
        Configs.Coravel => new CoravelSystem(),
        Configs.Kairos => new KairosSystem(settings.Get("template"), settings.Get("work"), recordRuns: true),
        Configs.KairosHistoryOff => new KairosSystem(settings.Get("template"), settings.Get("work"), recordRuns: false),
        _ => throw new ArgumentException($"unknown configuration '{config}'", nameof(config)),
    };

    private static async Task<ChildResult> PrepareAsync(string kind, ChildSettings settings)
    {
        var started = Clock.Now;
        await KairosTemplates.CreateAsync(settings.Get("template"), kind, settings.Int("n")).ConfigureAwait(false);
        return new ChildResult().Set("jobs", settings.Int("n")).Set("create_s", (Clock.Now - started).TotalSeconds);
    }
}
