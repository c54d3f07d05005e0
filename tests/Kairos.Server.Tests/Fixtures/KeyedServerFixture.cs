namespace Kairos.Server.Tests.Fixtures;

/// <summary>
/// One server shared by every test class in <see cref="KeyedServerCollection"/>: explicit admin and read keys,
/// default time zone Asia/Shanghai. Tests must not change its state in ways other tests would see.
/// </summary>
public sealed class KeyedServerFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const string ReadKey = "test-read-key-9876543210";

    private KairosServerProcess? _server;

    public KairosServerProcess Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        _server = await KairosServerProcess.StartAsync(new KairosServerProcessOptions
        {
            Environment = new Dictionary<string, string?>
            {
                ["KAIROS_API_KEY"] = AdminKey,
                ["KAIROS_READ_API_KEY"] = ReadKey,
                ["SCHEDULER_TIMEZONE"] = "Asia/Shanghai",
                ["KAIROS_DEFAULT_JOBS"] = "false",
            },
        });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The test classes that share one <see cref="KeyedServerFixture"/> (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class KeyedServerCollection : ICollectionFixture<KeyedServerFixture>
{
    public const string Name = "keyed server";
}
