using System.Net;
using System.Text.Json;

namespace Kairos.Server.Tests.Fixtures;

/// <summary>Small helpers over <see cref="KairosServerProcess.SendAsync"/> for API walks.</summary>
public static class ApiClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> CallAsync(
        this KairosServerProcess server, HttpMethod method, string path, string key, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var response = await server.SendAsync(method, path, key, body);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, response);
    }

    /// <summary>Polls a run until it leaves <c>running</c> or the deadline passes (a durable signal, not a timer).</summary>
    public static async Task<JsonElement> WaitForRunEndAsync(this KairosServerProcess server, string runId, string key, TimeSpan deadline)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var (status, body, _) = await server.CallAsync(HttpMethod.Get, $"/api/v1/scheduler/runs/{runId}", key);
            if (status == HttpStatusCode.OK && body.GetProperty("status").GetString() != "running")
            {
                return body;
            }
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"run {runId} did not end within {deadline}: {status} {body}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Polls the runs list until a run matching the query exists.</summary>
    public static async Task<JsonElement> WaitForRunAsync(this KairosServerProcess server, string query, string key, TimeSpan deadline)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var (status, body, _) = await server.CallAsync(HttpMethod.Get, "/api/v1/scheduler/runs?" + query, key);
            if (status == HttpStatusCode.OK && body.GetProperty("items").GetArrayLength() > 0)
            {
                return body.GetProperty("items")[0];
            }
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"no run matching '{query}' within {deadline}: {status} {body}");
            }
            await Task.Delay(50);
        }
    }
}
