namespace Kairos.Server.Maintenance;

/// <summary>
/// An exclusive lock on a data folder: the file <c>&lt;data&gt;/kairos.lock</c> held open with <see cref="FileShare.None"/>
/// (on Linux and macOS .NET takes an advisory <c>flock</c>, on Windows a share-mode lock), so a second server — or a
/// restore — sees the folder is in use. The operating system releases it when the process ends, even by a crash, so a
/// stale lock file never blocks anything; the file itself stays (it holds the owner's process id, for people).
/// </summary>
public sealed class ServerDataLock : IDisposable
{
    /// <summary>The lock file's name inside the data folder.</summary>
    public const string FileName = "kairos.lock";

    private readonly FileStream _stream;

    private ServerDataLock(FileStream stream, string path)
    {
        _stream = stream;
        FilePath = path;
    }

    /// <summary>The full path of the lock file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Takes the lock on <paramref name="dataDirectory"/> (created when missing), or returns null when another holder
    /// (a running server, a restore in progress) has it. Dispose the result to release it.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static ServerDataLock? TryAcquire(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var folder = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException)
        {
            return null;
        }
        try
        {
            stream.SetLength(0);
            var owner = System.Text.Encoding.ASCII.GetBytes($"pid {Environment.ProcessId}\n");
            stream.Write(owner);
            stream.Flush();
        }
        catch (IOException)
        {
            // The id is for people only; the lock is what matters and it is held.
        }
        return new ServerDataLock(stream, path);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
