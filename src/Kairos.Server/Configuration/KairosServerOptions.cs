namespace Kairos.Server.Configuration;

/// <summary>
/// The server's settings, read once at start from environment variables and <c>appsettings.json</c>
/// (environment wins). Built and validated by <see cref="KairosServerOptionsLoader"/>; never reloaded.
/// </summary>
public sealed class KairosServerOptions
{
    /// <summary><c>ENABLE_SCHEDULER</c>: when false the API serves but nothing fires.</summary>
    public bool EnableScheduler { get; init; } = true;

    /// <summary><c>SCHEDULER_TIMEZONE</c>: the IANA zone of schedules that name none.</summary>
    public required TimeZoneInfo SchedulerTimeZone { get; init; }

    /// <summary><c>DEBUG</c>: adds exception detail to 500 answers and lowers the default log level to Debug.</summary>
    public bool Debug { get; init; }

    /// <summary><c>LOG_LEVEL</c>: the default minimum log level (Information unless DEBUG).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary><c>LOG_FORMAT</c>: <see cref="LogFormat.Text"/> (single-line console) or <see cref="LogFormat.Json"/> (JSON lines).</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary><c>KAIROS_DATA_DIR</c> as an absolute path (default <c>./data</c> under the working directory).</summary>
    public required string DataDirectory { get; init; }

    /// <summary><c>KAIROS_MAX_CONCURRENCY</c>: at most this many runs execute at once.</summary>
    public int MaxConcurrency { get; init; } = 64;

    /// <summary><c>KAIROS_NODE_ID</c>: this node's name in runs and status (default: the host name).</summary>
    public required string NodeId { get; init; }

    /// <summary><c>KAIROS_API_KEY</c> as configured, or null when the key comes from <c>&lt;data&gt;/api-key</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary><c>KAIROS_READ_API_KEY</c>: an optional key that may only read.</summary>
    public string? ReadApiKey { get; init; }

    /// <summary><c>KAIROS_DEFAULT_JOBS</c>: create the default jobs at first start.</summary>
    public bool DefaultJobs { get; init; } = true;

    /// <summary><c>KAIROS_SHUTDOWN_TIMEOUT</c>: how long running runs may finish after SIGTERM before they are cancelled.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>KAIROS_PLUGINS_DIR</c> as an absolute path (default <c>&lt;data&gt;/plugins</c>).</summary>
    public required string PluginsDirectory { get; init; }

    /// <summary><c>KAIROS_PLUGIN_UPLOAD</c>: allow installing plugins over HTTP.</summary>
    public bool PluginUpload { get; init; }

    /// <summary>The <c>Retention</c> section: how long history is kept.</summary>
    public RetentionOptions Retention { get; init; } = new();

    /// <summary>The path of the SQLite database file inside <see cref="DataDirectory"/>.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "kairos.db");

    /// <summary>The path of the generated admin key file inside <see cref="DataDirectory"/>.</summary>
    public string ApiKeyFilePath => Path.Combine(DataDirectory, "api-key");
}
