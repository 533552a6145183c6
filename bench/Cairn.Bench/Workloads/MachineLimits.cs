using System.Diagnostics;
using System.Security.Cryptography;
using Cairn.Bench.Report;
using Cairn.Bench.Support;
using Microsoft.Win32.SafeHandles;

namespace Cairn.Bench.Workloads;

/// <summary>
/// The limits that need no HTTP: digest speed on one core, and the disk's fsync rate for small files, one at a
/// time and in batches (each file fsynced in parallel, or only the directory fsynced once).
/// </summary>
internal sealed class MachineLimits(Profile profile, Results results, string directory)
{
    public const string Target = "machine";
    private const int FileSize = 4096;
    private const int Batch = 64;

    public static string HashWorkload(string name) => $"{name} on one core";

    public static string FsyncSerial => "4 KiB file + fsync, one at a time";

    public static string FsyncParallel => "4 KiB files, 64 fsyncs in parallel";

    public static string FsyncDirectory => "4 KiB files, 64 then one dir fsync";

    public void Hashes()
    {
        Hash("SHA-1", HashAlgorithmName.SHA1);
        Hash("MD5", HashAlgorithmName.MD5);
        Hash("SHA-256", HashAlgorithmName.SHA256);
        Hash("SHA-1 + MD5", HashAlgorithmName.SHA1, HashAlgorithmName.MD5);
    }

    public void Fsync()
    {
        Directory.CreateDirectory(directory);
        var data = Pattern.Block.AsSpan(0, FileSize).ToArray();
        var count = profile.FsyncFiles;

        var clock = Stopwatch.StartNew();
        var done = 0;
        for (; done < count && clock.Elapsed.TotalSeconds < 5; done++)
        {
            using var handle = Create(done, "serial");
            RandomAccess.Write(handle, data, 0);
            RandomAccess.FlushToDisk(handle);
        }
        Record(FsyncSerial, done, clock.Elapsed.TotalSeconds);

        using (var workers = new FsyncWorkers(Batch))
        {
            clock.Restart();
            done = 0;
            while (done < count && clock.Elapsed.TotalSeconds < 5)
            {
                var handles = Enumerable.Range(done, Batch).Select(i => Create(i, "parallel")).ToArray();
                foreach (var handle in handles)
                {
                    RandomAccess.Write(handle, data, 0);
                }
                workers.FlushAll(handles);
                foreach (var handle in handles)
                {
                    handle.Dispose();
                }
                done += Batch;
            }
            Record(FsyncParallel, done, clock.Elapsed.TotalSeconds);
        }

        clock.Restart();
        done = 0;
        while (done < count && clock.Elapsed.TotalSeconds < 5)
        {
            for (var i = 0; i < Batch; i++)
            {
                using var handle = Create(done + i, "dir");
                RandomAccess.Write(handle, data, 0);
            }
            NativeSync.FsyncDirectory(directory);
            done += Batch;
        }
        Record(FsyncDirectory, done, clock.Elapsed.TotalSeconds);
        Directory.Delete(directory, recursive: true);
    }

    private SafeFileHandle Create(int i, string kind) =>
        File.OpenHandle(Path.Combine(directory, $"{kind}-{i}"), FileMode.CreateNew, FileAccess.Write);

    private void Record(string workload, int files, double seconds) =>
        results.Add(new Measurement { Target = Target, Workload = workload, Value = files / seconds, Unit = "files/s", Count = files, Seconds = seconds });

    /// <summary>The best of three rounds, so that a moment of load from elsewhere does not set the limit.</summary>
    private void Hash(string name, params HashAlgorithmName[] algorithms)
    {
        var rounds = Enumerable.Range(0, 3).Select(_ => HashRound(profile.HashBytes / 3, algorithms)).ToArray();
        var best = rounds.MinBy(r => r.Seconds);
        results.Add(new Measurement { Target = Target, Workload = HashWorkload(name), Value = best.Bytes / best.Seconds / (1024 * 1024), Unit = "MiB/s", Count = best.Bytes, Seconds = best.Seconds, Note = "best of 3" });
    }

    private static (long Bytes, double Seconds) HashRound(long bytes, HashAlgorithmName[] algorithms)
    {
        const int Chunk = 128 * 1024;
        var hashes = algorithms.Select(IncrementalHash.CreateHash).ToArray();
        var clock = Stopwatch.StartNew();
        long done = 0;
        while (done < bytes)
        {
            var at = (int)(done % Pattern.BlockSize);
            foreach (var hash in hashes)
            {
                hash.AppendData(Pattern.Block, at, Chunk);
            }
            done += Chunk;
        }
        foreach (var hash in hashes)
        {
            hash.GetHashAndReset();
            hash.Dispose();
        }
        return (done, clock.Elapsed.TotalSeconds);
    }
}
