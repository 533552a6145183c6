using System.Collections.Concurrent;
using Cairn.Core.Errors;

namespace Cairn.Core.Files;

/// <summary>
/// B2 lets one upload at a time use an upload URL's token; a second concurrent use is refused with a message
/// b2sdk parses (<c>more than one upload using auth token &lt;token&gt;</c>).
/// </summary>
public sealed class UploadTokenRegistry
{
    private readonly ConcurrentDictionary<string, byte> _inUse = new(StringComparer.Ordinal);

    /// <summary>Marks the token busy until the returned lease is disposed.</summary>
    public Lease Acquire(string token)
    {
        if (!_inUse.TryAdd(token, 0))
        {
            throw new CairnException(CairnError.UploadTokenInUse, $"more than one upload using auth token {token}");
        }
        return new Lease(this, token);
    }

    /// <summary>Releases the token when disposed.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly UploadTokenRegistry _owner;
        private readonly string _token;

        internal Lease(UploadTokenRegistry owner, string token)
        {
            _owner = owner;
            _token = token;
        }

        public void Dispose() => _owner._inUse.TryRemove(_token, out _);
    }
}
