using Kairos.Server.Configuration;
using Microsoft.Extensions.Logging.Console;

namespace Kairos.Server.Logging;

/// <summary>
/// Console logging only: one line per entry (<c>LOG_FORMAT=text</c>) or one JSON object per line
/// (<c>LOG_FORMAT=json</c>), timestamps in UTC. <c>LOG_LEVEL</c> sets the default level; categories tuned in
/// <c>appsettings.json</c> (<c>Logging:LogLevel</c>) stay as tuned.
/// </summary>
public static class KairosLogging
{
    public static ILoggingBuilder AddKairosLogging(this ILoggingBuilder logging, KairosServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(options);
        logging.ClearProviders();
        if (options.LogFormat == LogFormat.Json)
        {
            logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                json.IncludeScopes = false;
                json.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }
        else
        {
            logging.AddSimpleConsole(text =>
            {
                text.SingleLine = true;
                text.UseUtcTimestamp = true;
                text.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
                text.ColorBehavior = LoggerColorBehavior.Default;
            });
        }

        // A category-less rule added after appsettings' rules wins over its "Default" entry, and loses to
        // its more specific categories (Microsoft.AspNetCore …), which is what an operator expects of LOG_LEVEL.
        logging.Services.Configure<LoggerFilterOptions>(filter =>
        {
            filter.MinLevel = options.LogLevel;
            filter.Rules.Add(new LoggerFilterRule(providerName: null, categoryName: null, logLevel: options.LogLevel, filter: null));
        });
        return logging;
    }
}
