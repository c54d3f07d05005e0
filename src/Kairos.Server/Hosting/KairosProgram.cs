namespace Kairos.Server.Hosting;

/// <summary>Runs the server and turns start-up failures into a message on stderr and a non-zero exit code.</summary>
public static class KairosProgram
{
    /// <summary>Exit code for a configuration the server refuses (bad setting, unsafe listen address).</summary>
    public const int ConfigurationError = 2;

    /// <summary>Exit code for any other failure (port in use, unreadable database…).</summary>
    public const int Failure = 1;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "restore")
        {
            return await RestoreAsync(args).ConfigureAwait(false);
        }

        WebApplication app;
        try
        {
            app = KairosApplication.Build(args);
        }
        catch (KairosStartupException ex)
        {
            await Console.Error.WriteLineAsync($"kairos: {ex.Message}").ConfigureAwait(false);
            return ConfigurationError;
        }
#pragma warning disable CA1031 // Same reason as below: a message, not an unhandled-exception dump.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"kairos: failed to start: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return Failure;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.RunAsync().ConfigureAwait(false);
                return 0;
            }
            catch (KairosStartupException ex)
            {
                await Console.Error.WriteLineAsync($"kairos: {ex.Message}").ConfigureAwait(false);
                return ConfigurationError;
            }
#pragma warning disable CA1031 // The process is ending either way: say why on stderr instead of an unhandled-exception dump.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await Console.Error.WriteLineAsync($"kairos: stopped by an error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
                return Failure;
            }
        }
    }

    /// <summary>
    /// <c>restore &lt;backup file&gt;</c>: replaces the database of the data folder (KAIROS_DATA_DIR, as the server
    /// resolves it) with a checked backup, keeping the replaced one aside. Refuses while a server uses the folder.
    /// </summary>
    private static async Task<int> RestoreAsync(string[] args)
    {
        if (args.Length != 2)
        {
            await Console.Error.WriteLineAsync("usage: Kairos.Server restore <backup file>").ConfigureAwait(false);
            return ConfigurationError;
        }
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
                .AddEnvironmentVariables()
                .Build();
            var options = Configuration.KairosServerOptionsLoader.Load(configuration, Environment.CurrentDirectory);
            return await Maintenance.RestoreCommand.RunAsync(options.DataDirectory, args[1], Console.Out, CancellationToken.None).ConfigureAwait(false);
        }
        catch (KairosStartupException ex)
        {
            await Console.Error.WriteLineAsync($"kairos: {ex.Message}").ConfigureAwait(false);
            return ConfigurationError;
        }
    }
}
