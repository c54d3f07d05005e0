using Kairos.Sdk.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Sample;

/// <summary>The sample's endpoints, served under <c>/api/v1/plugins/sample/</c>.</summary>
internal static class SampleEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/version", () => new VersionAnswer("sample", SampleVersion.Value));
        endpoints.MapGet("/hello/{name}", (string name, IConfiguration settings) => new HelloAnswer($"{settings["Greeting"] ?? "Hello"}, {name}!", SampleVersion.Value));
        endpoints.MapGet("/greetings/count", (GreetingCounter counter) => new CountAnswer(counter.Count));
        endpoints.MapGet("/greetings/stored", async (IPluginDatabase database, CancellationToken cancellationToken) =>
        {
            var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM sample_greetings";
                return new CountAnswer(Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture));
            }
        });
    }
}

/// <summary>GET /version.</summary>
internal sealed record VersionAnswer(string Id, string Version);

/// <summary>GET /hello/{name}.</summary>
internal sealed record HelloAnswer(string Message, string Version);

/// <summary>GET /greetings/*.</summary>
internal sealed record CountAnswer(int Count);
