using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Kairos.Storage;

/// <summary>
/// Version-7 UUIDs (RFC 9562: Unix milliseconds, then random bits), the ids of runs and events. Unlike
/// <see cref="Guid.CreateVersion7(DateTimeOffset)"/>, which asks the kernel for randomness once per id (a system call
/// that showed up per run when thousands start each second), the random bits are drawn in blocks per thread.
/// </summary>
public static class Uuid7
{
    private const int BufferSize = 512;
    private const int RandomBytesPerId = 10;

    [ThreadStatic] private static byte[]? t_random;
    [ThreadStatic] private static int t_used;

    /// <summary>A new id carrying the millisecond of <paramref name="time"/>.</summary>
    public static Guid New(DateTimeOffset time)
    {
        Span<byte> uuid = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(uuid, time.ToUnixTimeMilliseconds() << 16);
        TakeRandom(uuid[6..]);
        uuid[6] = (byte)(0x70 | (uuid[6] & 0x0F)); // version 7
        uuid[8] = (byte)(0x80 | (uuid[8] & 0x3F)); // variant 10
        return new Guid(uuid, bigEndian: true);
    }

    private static void TakeRandom(Span<byte> destination)
    {
        var buffer = t_random;
        if (buffer is null || t_used + RandomBytesPerId > BufferSize)
        {
            buffer = t_random ??= new byte[BufferSize];
            KernelRandom.Fill(buffer);
            t_used = 0;
        }
        buffer.AsSpan(t_used, RandomBytesPerId).CopyTo(destination);
        t_used += RandomBytesPerId;
    }

    /// <summary>
    /// The kernel's random source, read directly where it is a device (Linux, macOS). The cryptography library's
    /// generator gives the same bits on Unix, but loading it maps OpenSSL into the process (~5 MB resident) for
    /// nothing else: the engine's process needs no other cryptography.
    /// </summary>
    private static class KernelRandom
    {
        private static readonly SafeFileHandle? Device = OpenDevice();

        public static void Fill(Span<byte> buffer)
        {
            if (Device is null)
            {
                FillFromCryptographyLibrary(buffer);
                return;
            }
            while (!buffer.IsEmpty)
            {
                // The offset is ignored for a device that cannot seek; a read may return fewer bytes than asked.
                var read = RandomAccess.Read(Device, buffer, fileOffset: 0);
                if (read <= 0)
                {
                    throw new IOException("The kernel's random device returned no bytes.");
                }
                buffer = buffer[read..];
            }
        }

        private static SafeFileHandle? OpenDevice()
        {
            if (OperatingSystem.IsWindows())
            {
                return null;
            }
            try
            {
                return File.OpenHandle("/dev/urandom", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        // A method of its own so that the cryptography assembly is loaded only where this runs.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void FillFromCryptographyLibrary(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
    }
}
