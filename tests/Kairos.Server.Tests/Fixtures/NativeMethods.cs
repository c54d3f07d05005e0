using System.Runtime.InteropServices;

namespace Kairos.Server.Tests.Fixtures;

internal static class NativeMethods
{
    public const int SigTerm = 15;

    /// <summary>POSIX kill(2): .NET can only send SIGKILL to another process, and graceful stop needs SIGTERM.</summary>
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int kill(int pid, int sig);
}
