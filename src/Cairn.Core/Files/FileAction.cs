namespace Cairn.Core.Files;

/// <summary>What a stored file version is.</summary>
public enum FileAction
{
    /// <summary>An ordinary file: a small upload, a finished large file, or a copy.</summary>
    Upload,
    /// <summary>An unfinished large file; invisible to name listings and downloads.</summary>
    Start,
    /// <summary>A hide marker: makes the name vanish from name listings and downloads by name.</summary>
    Hide,
}
