using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Kairos.Server.Tests.Fixtures;

/// <summary>
/// The real, already-built server in its own process: <c>dotnet Kairos.Server.dll --urls http://127.0.0.1:&lt;port&gt;</c>
/// with a temporary data folder, chosen environment and captured output. <see cref="StopAsync"/> sends SIGTERM
/// like a service manager would; disposing kills whatever is still running.
/// </summary>
public sealed class KairosServerProcess : IAsyncDisposable
{
    /// <summary>How long a server may take to answer <c>/health</c> after launch.</summary>
    public static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(30);

    private static readonly string[] s_clearedPrefixes = ["ASPNETCORE_", "KAIROS_", "RETENTION__", "KESTREL__", "LOGGING__"];
    private static readonly string[] s_clearedNames =
    [
        "ENABLE_SCHEDULER", "SCHEDULER_TIMEZONE", "DEBUG", "LOG_LEVEL", "LOG_FORMAT",
        "URLS", "HTTP_PORTS", "HTTPS_PORTS", "DOTNET_URLS", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS",
    ];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _ownsDataDirectory;

    private KairosServerProcess(KairosServerProcessOptions options)
    {
        _ownsDataDirectory = options.DataDirectory is null;
        DataDirectory = options.DataDirectory ?? Directory.CreateTempSubdirectory("kairos-server-test-").FullName;
        var urls = options.Urls ?? $"http://127.0.0.1:{FreePort.Next()}";
        BaseAddress = new Uri(urls.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Split(';')[0].TrimEnd('/') + "/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

        var start = new ProcessStartInfo(ServerAssembly.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        start.ArgumentList.Add(ServerAssembly.Path);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(urls);

        foreach (var name in start.Environment.Keys.ToList())
        {
            var upper = name.ToUpperInvariant();
            if (s_clearedNames.Contains(upper) || s_clearedPrefixes.Any(prefix => upper.StartsWith(prefix, StringComparison.Ordinal)))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["KAIROS_DATA_DIR"] = DataDirectory;
        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Where the server answers, with a trailing slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The server's data folder (<c>KAIROS_DATA_DIR</c>), also its working directory.</summary>
    public string DataDirectory { get; }

    /// <summary>A client without credentials, based at <see cref="BaseAddress"/>.</summary>
    public HttpClient Http { get; }

    /// <summary>Everything the server wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Launches without waiting: for servers that are expected to refuse to start.</summary>
    public static KairosServerProcess Launch(KairosServerProcessOptions? options = null) => new(options ?? new KairosServerProcessOptions());

    /// <summary>Launches and waits until <c>/health</c> answers 200.</summary>
    public static async Task<KairosServerProcess> StartAsync(KairosServerProcessOptions? options = null)
    {
        var server = Launch(options);
        try
        {
            await server.WaitUntilReadyAsync(ReadyDeadline);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits for the "Now listening" log line, the process's exit or a 100 ms poll tick, whichever comes first,
    /// and probes <c>/health</c> each time, until it answers 200 or <paramref name="deadline"/> passes.
    /// </summary>
    public async Task WaitUntilReadyAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var exited = _process.WaitForExitAsync(CancellationToken.None);
        var listening = _listening.Task;
        Task? tick = null;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            if (await IsHealthyAsync(timeout.Token))
            {
                return;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"The server did not answer /health within {deadline}:\n{Output}");
            }

            tick ??= poll.WaitForNextTickAsync(timeout.Token).AsTask();
            var woke = await Task.WhenAny(listening, exited, tick);
            if (woke == tick)
            {
                tick = null;
            }
            else if (woke == listening)
            {
                // Signalled once; from now on only the poll tick and the exit wake the loop.
                listening = new TaskCompletionSource().Task;
            }
        }
    }

    /// <summary>SIGKILL: the process dies at once, no shutdown code runs (a crash).</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            NativeMethods.kill(_process.Id, 9);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan deadline)
    {
        if (!_process.HasExited && NativeMethods.kill(_process.Id, NativeMethods.SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed with errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}.");
        }

        return await WaitForExitAsync(deadline);
    }

    /// <summary>Waits for the process to end on its own and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The server did not exit within {deadline}:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Sends one request, with the key as a Bearer token or an <c>X-API-Key</c> header.</summary>
    public Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        string? key = null,
        string? body = null,
        string contentType = "application/json",
        bool keyInXApiKeyHeader = false)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (key is not null)
        {
            if (keyInXApiKeyHeader)
            {
                request.Headers.Add("X-API-Key", key);
            }
            else
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
        Http.Dispose();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless; failing the test run over it is not.
            }
        }
    }

    private async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync("health", cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Now listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
