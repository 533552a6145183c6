using Cairn.Core.Files;

namespace Cairn.Storage.Postgres.Internal;

/// <summary>
/// How <see cref="FileAction"/> is stored in <c>file_versions.action</c>. The codes are written out rather
/// than cast from the enum so that reordering the enum cannot change stored data; the schema's partial
/// indexes and the SQL in this project repeat the literals.
/// </summary>
internal static class FileActionCodes
{
    public const int Upload = 0;
    public const int Start = 1;
    public const int Hide = 2;

    public static int ToCode(FileAction action) => action switch
    {
        FileAction.Upload => Upload,
        FileAction.Start => Start,
        FileAction.Hide => Hide,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown file action."),
    };

    public static FileAction FromCode(int code) => code switch
    {
        Upload => FileAction.Upload,
        Start => FileAction.Start,
        Hide => FileAction.Hide,
        _ => throw new InvalidDataException($"Unknown file action code {code} in the metadata database."),
    };
}
