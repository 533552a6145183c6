namespace Cairn.Core.Ids;

/// <summary>The digit after <c>_f</c> in a file id; b2sdk's integration tests read it.</summary>
public enum FileIdKind
{
    Small = 1,
    Large = 2,
}
