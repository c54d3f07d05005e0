using System.Globalization;
using Kairos.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Kairos.Server.Configuration;

/// <summary>
/// Reads <see cref="KairosServerOptions"/> from configuration keys named like the environment variables
/// (<c>SCHEDULER_TIMEZONE</c>, <c>KAIROS_DATA_DIR</c>, …). Every bad value is reported at once, by name,
/// in one <see cref="KairosStartupException"/>: failing at start beats failing at the first fire.
/// </summary>
public static class KairosServerOptionsLoader
{
    /// <summary>The zone used when <c>SCHEDULER_TIMEZONE</c> is not set.</summary>
    public const string DefaultTimeZone = "Asia/Shanghai";

    /// <summary>Builds and validates the options; <paramref name="workingDirectory"/> anchors relative paths.</summary>
    public static KairosServerOptions Load(IConfiguration configuration, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var reader = new Reader(configuration, errors);

        var debug = reader.Bool("DEBUG", false);
        var dataDirectory = Path.GetFullPath(reader.String("KAIROS_DATA_DIR") ?? "data", workingDirectory);
        var pluginsDirectory = reader.String("KAIROS_PLUGINS_DIR") is { } plugins
            ? Path.GetFullPath(plugins, workingDirectory)
            : Path.Combine(dataDirectory, "plugins");

        var options = new KairosServerOptions
        {
            EnableScheduler = reader.Bool("ENABLE_SCHEDULER", true),
            SchedulerTimeZone = reader.TimeZone("SCHEDULER_TIMEZONE", DefaultTimeZone),
            Debug = debug,
            LogLevel = reader.LogLevel("LOG_LEVEL", debug ? LogLevel.Debug : LogLevel.Information),
            LogFormat = reader.LogFormat("LOG_FORMAT"),
            DataDirectory = dataDirectory,
            MaxConcurrency = reader.Int("KAIROS_MAX_CONCURRENCY", 64, minimum: 1),
            NodeId = reader.String("KAIROS_NODE_ID") ?? Environment.MachineName,
            ApiKey = reader.String("KAIROS_API_KEY"),
            ReadApiKey = reader.String("KAIROS_READ_API_KEY"),
            DefaultJobs = reader.Bool("KAIROS_DEFAULT_JOBS", true),
            ShutdownTimeout = TimeSpan.FromSeconds(reader.Int("KAIROS_SHUTDOWN_TIMEOUT", 30, minimum: 0)),
            PluginsDirectory = pluginsDirectory,
            PluginUpload = reader.Bool("KAIROS_PLUGIN_UPLOAD", false),
            Retention = new RetentionOptions
            {
                RunDays = reader.Int("Retention:Runs:Days", 90, minimum: 0),
                KeepRunsPerJob = reader.Int("Retention:Runs:KeepPerJob", 100, minimum: 0),
                EventDays = reader.Int("Retention:Events:Days", 90, minimum: 0),
                EventMaxCount = reader.Int("Retention:Events:MaxCount", 1_000_000, minimum: 0),
                SnapshotDays = reader.Int("Retention:Snapshots:Days", 730, minimum: 0),
            },
        };

        if (options.ApiKey is not null && options.ApiKey == options.ReadApiKey)
        {
            errors.Add("KAIROS_READ_API_KEY must differ from KAIROS_API_KEY.");
        }

        if (errors.Count > 0)
        {
            throw new KairosStartupException("Invalid configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors));
        }

        return options;
    }

    private sealed class Reader(IConfiguration configuration, List<string> errors)
    {
        public string? String(string key)
        {
            var value = configuration[key]?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        public bool Bool(string key, bool fallback)
        {
            var value = String(key);
            switch (value?.ToUpperInvariant())
            {
                case null: return fallback;
                case "TRUE" or "1" or "YES" or "ON": return true;
                case "FALSE" or "0" or "NO" or "OFF": return false;
                default:
                    errors.Add($"{key}: '{value}' is not a boolean; use true or false.");
                    return fallback;
            }
        }

        public int Int(string key, int fallback, int minimum)
        {
            var value = String(key);
            if (value is null)
            {
                return fallback;
            }

            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < minimum)
            {
                errors.Add($"{key}: '{value}' is not a whole number of at least {minimum}.");
                return fallback;
            }

            return number;
        }

        public TimeZoneInfo TimeZone(string key, string fallback)
        {
            var name = String(key) ?? fallback;
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(name);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                errors.Add($"{key}: unknown time zone '{name}'; use an IANA name such as {DefaultTimeZone} or Europe/Berlin.");
                return TimeZoneInfo.Utc;
            }
        }

        public LogLevel LogLevel(string key, LogLevel fallback)
        {
            var value = String(key);
            switch (value?.ToUpperInvariant())
            {
                case null: return fallback;
                case "INFO": return Microsoft.Extensions.Logging.LogLevel.Information;
                case "WARN": return Microsoft.Extensions.Logging.LogLevel.Warning;
                case "FATAL": return Microsoft.Extensions.Logging.LogLevel.Critical;
                default:
                    if (Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(value, out _))
                    {
                        return level;
                    }

                    errors.Add($"{key}: '{value}' is not a log level; use trace, debug, information, warning, error, critical or none.");
                    return fallback;
            }
        }

        public LogFormat LogFormat(string key)
        {
            var value = String(key);
            switch (value?.ToUpperInvariant())
            {
                case null or "TEXT" or "SIMPLE": return Configuration.LogFormat.Text;
                case "JSON": return Configuration.LogFormat.Json;
                default:
                    errors.Add($"{key}: '{value}' is not a log format; use text or json.");
                    return Configuration.LogFormat.Text;
            }
        }
    }
}
