using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Kairos.Engine.Runs;

/// <summary>Run ids: version-7 UUIDs (RFC 9562, time-ordered) in 32 lowercase hex digits, so ids sort roughly by creation.</summary>
public static class RunIds
{
    private const int BufferSize = 512;
    private const int RandomBytesPerId = 10;

    // Random bits drawn from the OS in blocks: Guid.NewGuid asks the kernel once per id, which showed up as a
    // system call per run when thousands of runs start each second.
    [ThreadStatic] private static byte[]? t_random;
    [ThreadStatic] private static int t_used;

    /// <summary>A new run id for the current time of <paramref name="time"/>.</summary>
    public static string New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Span<byte> uuid = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(uuid, time.GetUtcNow().ToUnixTimeMilliseconds() << 16);
        TakeRandom(uuid[6..]);
        uuid[6] = (byte)(0x70 | (uuid[6] & 0x0F)); // version 7
        uuid[8] = (byte)(0x80 | (uuid[8] & 0x3F)); // variant 10
        return Convert.ToHexStringLower(uuid);
    }

    private static void TakeRandom(Span<byte> destination)
    {
        var buffer = t_random;
        if (buffer is null || t_used + RandomBytesPerId > BufferSize)
        {
            buffer = t_random ??= new byte[BufferSize];
            RandomNumberGenerator.Fill(buffer);
            t_used = 0;
        }
        buffer.AsSpan(t_used, RandomBytesPerId).CopyTo(destination);
        t_used += RandomBytesPerId;
    }
}
