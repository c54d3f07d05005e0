using System.Buffers.Text;
using System.Security.Cryptography;
using Kairos.Server.Configuration;
using Kairos.Server.Hosting;

namespace Kairos.Server.Security;

/// <summary>
/// Decides the admin key: <c>KAIROS_API_KEY</c> when configured, otherwise the key stored in
/// <c>&lt;data&gt;/api-key</c>, generated at first start with mode 0600. Logs the file's path, never the key.
/// </summary>
public static partial class ApiKeyProvisioner
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Builds the key set, creating the key file when needed.</summary>
    public static ApiKeySet Provision(KairosServerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.ApiKey is not null)
        {
            LogConfiguredKey(logger);
            return new ApiKeySet(options.ApiKey, options.ReadApiKey);
        }

        var path = options.ApiKeyFilePath;
        try
        {
            var key = ReadExisting(path, logger) ?? CreateOrReadConcurrent(path, logger);
            return new ApiKeySet(key, options.ReadApiKey);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KairosStartupException(
                $"Cannot read or create the API key file {path}: {ex.Message} Make KAIROS_DATA_DIR a writable folder, or set KAIROS_API_KEY.", ex);
        }
    }

    private static string? ReadExisting(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var key = File.ReadAllText(path).Trim();
        if (key.Length == 0)
        {
            return null;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            // Someone loosened it by hand: a readable admin key is worse than a changed mode.
            File.SetUnixFileMode(path, OwnerOnly);
            LogTightened(logger, path);
        }

        LogStoredKey(logger, path);
        return key;
    }

    private static string CreateOrReadConcurrent(string path, ILogger logger)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = "kairos_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var temporary = path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        File.Delete(temporary);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Created with 0600 from the first byte: there is no window in which the key is world-readable.
            fileOptions.UnixCreateMode = OwnerOnly;
        }

        // No byte-order mark: `cat api-key` must print exactly the key a client sends.
        using (var writer = new StreamWriter(temporary, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), fileOptions))
        {
            writer.Write(key);
            writer.Write('\n');
        }

        if (File.Exists(path) && File.ReadAllText(path).Trim().Length > 0)
        {
            // Another process sharing the data folder won the race: use its key so both agree.
            File.Delete(temporary);
            return ReadExisting(path, logger)!;
        }

        File.Move(temporary, path, overwrite: true);
        LogGeneratedKey(logger, path);
        return key;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the admin API key from KAIROS_API_KEY")]
    private static partial void LogConfiguredKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the admin API key stored in {KeyFile}")]
    private static partial void LogStoredKey(ILogger logger, string keyFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated an admin API key into {KeyFile} (mode 0600); send it as 'Authorization: Bearer <key>' or set KAIROS_API_KEY")]
    private static partial void LogGeneratedKey(ILogger logger, string keyFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API key file {KeyFile} was readable by others; its mode is now 0600")]
    private static partial void LogTightened(ILogger logger, string keyFile);
}
