using Microsoft.Win32.SafeHandles;

namespace Cairn.Bench.Workloads;

/// <summary>Dedicated threads that fsync one file each at the same moment, so the disk sees a batch of concurrent fsyncs.</summary>
internal sealed class FsyncWorkers : IDisposable
{
    private readonly Barrier _start;
    private readonly Barrier _done;
    private readonly Thread[] _threads;
    private SafeFileHandle[] _handles = [];
    private volatile bool _stopping;

    public FsyncWorkers(int count)
    {
        _start = new Barrier(count + 1);
        _done = new Barrier(count + 1);
        _threads = Enumerable.Range(0, count).Select(i => new Thread(() => Work(i)) { IsBackground = true, Name = $"fsync-{i}" }).ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public void FlushAll(SafeFileHandle[] handles)
    {
        _handles = handles;
        _start.SignalAndWait();
        _done.SignalAndWait();
    }

    public void Dispose()
    {
        _stopping = true;
        _start.SignalAndWait();
        foreach (var thread in _threads)
        {
            thread.Join();
        }
        _start.Dispose();
        _done.Dispose();
    }

    private void Work(int index)
    {
        while (true)
        {
            _start.SignalAndWait();
            if (_stopping)
            {
                return;
            }
            RandomAccess.FlushToDisk(_handles[index]);
            _done.SignalAndWait();
        }
    }
}
