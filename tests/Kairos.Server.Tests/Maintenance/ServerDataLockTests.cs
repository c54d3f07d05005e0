using System.Diagnostics;
using Kairos.Server.Maintenance;

namespace Kairos.Server.Tests.Maintenance;

public sealed class ServerDataLockTests
{
    [Fact]
    public void TryAcquire_Twice_TheSecondGetsNothing_UntilTheFirstIsReleased()
    {
        using var folder = new TempDataFolder();

        var first = ServerDataLock.TryAcquire(folder.Path);
        Assert.NotNull(first);
        Assert.Equal(folder.File("kairos.lock"), first.FilePath);
        Assert.Null(ServerDataLock.TryAcquire(folder.Path));

        first.Dispose();
        using var again = ServerDataLock.TryAcquire(folder.Path);
        Assert.NotNull(again);
    }

    [Fact]
    public void TryAcquire_CreatesAMissingDataFolder()
    {
        using var folder = new TempDataFolder();
        var data = folder.File("new", "data");

        using var held = ServerDataLock.TryAcquire(data);

        Assert.NotNull(held);
        Assert.True(File.Exists(Path.Combine(data, "kairos.lock")));
    }

    [Fact]
    public async Task TryAcquire_WhileAnotherProcessHoldsTheLock_GetsNothing()
    {
        using var folder = new TempDataFolder();
        var file = folder.File("kairos.lock");
        // flock(1) takes the same advisory lock .NET takes for FileShare.None on Linux; it holds it while 'cat' waits on stdin.
        using var holder = Process.Start(new ProcessStartInfo("flock", ["--exclusive", file, "sh", "-c", "echo locked; cat"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync());

        Assert.Null(ServerDataLock.TryAcquire(folder.Path));

        holder.StandardInput.Close();
        await holder.WaitForExitAsync();
        using var afterExit = ServerDataLock.TryAcquire(folder.Path);
        Assert.NotNull(afterExit);
    }
}
