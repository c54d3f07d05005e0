using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Kairos.Bench.Measurement;

namespace Kairos.Bench.Scenarios;

/// <summary>
/// W5: the real server (Kairos.Server.dll, built beforehand) on 127.0.0.1 with its own data folder. One client on a
/// kept-alive connection creates jobs one after another (each acknowledged once committed), then lists them all.
/// The first creates and lists warm the server up and are not counted.
/// </summary>
public static class ApiScenario
{
    private const string ApiKey = "bench-admin-key-0123456789";
    private const int WarmupCreates = 500;
    private const int WarmupLists = 3;

    public static async Task<ChildResult> RunAsync(string serverDll, string dataDirectory, int jobs, int lists)
    {
        if (!File.Exists(serverDll))
        {
            return ChildResult.Unsupported($"server not built: run 'dotnet build src/Kairos.Server -c Release' first ({serverDll} is missing)");
        }
        var port = FreePort();
        using var server = StartServer(serverDll, dataDirectory, port);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"),
                Timeout = TimeSpan.FromSeconds(60),
            };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
            if (!await WaitHealthyAsync(http, server).ConfigureAwait(false))
            {
                return ChildResult.Failed("the server did not become healthy within 60 s");
            }

            var createMs = new List<double>(jobs);
            for (var k = 0; k < jobs; k++)
            {
                var body = $$$"""{"job_id":"api-{{{k.ToString("D6", CultureInfo.InvariantCulture)}}}","task_id":"kairos.noop","schedule":{"type":"interval","hours":24},"config":{}}""";
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(new Uri("/api/v1/scheduler/jobs", UriKind.Relative), content).ConfigureAwait(false);
                await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    return ChildResult.Failed($"create {k} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
                }
                if (k >= WarmupCreates)
                {
                    createMs.Add(elapsed.TotalMilliseconds);
                }
            }

            var listMs = new List<double>(lists);
            long listBytes = 0;
            for (var i = 0; i < lists + WarmupLists; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(new Uri("/api/v1/scheduler/jobs", UriKind.Relative)).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started);
                response.EnsureSuccessStatusCode();
                listBytes = bytes.Length;
                if (i >= WarmupLists)
                {
                    listMs.Add(elapsed.TotalMilliseconds);
                }
            }

            var creates = createMs.Order().ToArray();
            var listed = listMs.Order().ToArray();
            var result = new ChildResult()
                .Set("jobs", jobs)
                .Set("create_p50_ms", Percentiles.Of(creates, 50))
                .Set("create_p99_ms", Percentiles.Of(creates, 99))
                .Set("create_max_ms", creates.Length == 0 ? null : creates[^1])
                .Set("create_per_s", creates.Length / (creates.Sum() / 1000))
                .Set("list_p50_ms", Percentiles.Of(listed, 50))
                .Set("list_p99_ms", Percentiles.Of(listed, 99))
                .Set("list_bytes", listBytes)
                .Set("server_peak_working_set_mb", ServerPeakMb(server));
            return result.Note($"{WarmupCreates} warm-up creates and {WarmupLists} warm-up lists not counted; one client, sequential requests");
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
                await server.WaitForExitAsync().ConfigureAwait(false);
            }
        }
    }

    private static Process StartServer(string serverDll, string dataDirectory, int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(serverDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        info.Environment["KAIROS_DATA_DIR"] = dataDirectory;
        info.Environment["KAIROS_API_KEY"] = ApiKey;
        info.Environment["KAIROS_DEFAULT_JOBS"] = "false";
        info.Environment["LOG_LEVEL"] = "warning";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server");
        // Drain its output so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine("[server] " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> WaitHealthyAsync(HttpClient http, Process server)
    {
        var deadline = Clock.Now + TimeSpan.FromSeconds(60);
        while (Clock.Now < deadline && !server.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative)).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), Clock.Time).ConfigureAwait(false);
        }
        return false;
    }

    private static double? ServerPeakMb(Process server)
    {
        try
        {
            var line = File.ReadLines($"/proc/{server.Id.ToString(CultureInfo.InvariantCulture)}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(new string(line.Where(char.IsDigit).ToArray()), CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
