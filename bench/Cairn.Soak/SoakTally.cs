using System.Collections.Concurrent;

namespace Cairn.Soak;

/// <summary>Operations done and errors met, by operation, shared by every client.</summary>
internal sealed class SoakTally
{
    private const int KeptMessages = 20;
    private readonly ConcurrentDictionary<string, long> _ok = new();
    private readonly ConcurrentDictionary<string, long> _errors = new();
    private readonly ConcurrentQueue<string> _messages = new();

    public long TotalOk => _ok.Values.Sum();

    public long TotalErrors => _errors.Values.Sum();

    public IReadOnlyDictionary<string, long> OkByOperation => _ok;

    public IReadOnlyDictionary<string, long> ErrorsByOperation => _errors;

    public IEnumerable<string> FirstErrors => _messages;

    public void Ok(string operation) => _ok.AddOrUpdate(operation, 1, (_, n) => n + 1);

    public void Error(string operation, string message)
    {
        _errors.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (_messages.Count < KeptMessages)
        {
            _messages.Enqueue($"{DateTime.UtcNow:HH:mm:ss} {operation}: {message}");
        }
    }
}
