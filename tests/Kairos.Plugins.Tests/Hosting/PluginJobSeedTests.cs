using System.Text.Json.Nodes;
using Kairos.Plugins.Hosting;

namespace Kairos.Plugins.Tests.Hosting;

public sealed class PluginJobSeedTests
{
    [Fact]
    public void ToJobBody_puts_the_options_at_the_top_level_like_the_jobs_api()
    {
        var seed = new PluginJobSeed("fund_dca_execute", "fund", "dca_execute",
            new JsonObject { ["type"] = "cron", ["hour"] = 14 }, new JsonObject { ["all"] = true }, new JsonObject { ["max_instances"] = 1, ["timeout"] = 600 });

        var body = seed.ToJobBody();

        Assert.Equal("""{"job_id":"fund_dca_execute","name":"fund_dca_execute","task_id":"dca_execute","schedule":{"type":"cron","hour":14},"config":{"all":true},"max_instances":1,"timeout":600}""", body.ToJsonString());
    }
}
