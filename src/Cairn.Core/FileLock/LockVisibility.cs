using Cairn.Core.Auth;
using Cairn.Core.Keys;

namespace Cairn.Core.FileLock;

/// <summary>Which Object Lock fields of a file its reader may see: each needs its own read capability.</summary>
public readonly record struct LockVisibility(bool Retention, bool LegalHold)
{
    /// <summary>What <paramref name="reader"/> may see; an anonymous reader (a public bucket) sees neither.</summary>
    public static LockVisibility Of(Principal? reader) =>
        new(reader?.Has(Capabilities.ReadFileRetentions) == true, reader?.Has(Capabilities.ReadFileLegalHolds) == true);
}
