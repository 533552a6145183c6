using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Core.Files;

/// <summary>B2's file-name rules (b2-api/listing-and-versions.md).</summary>
public static class FileNameRules
{
    public const int MaxNameBytes = 1024;
    public const int MaxSegmentBytes = 250;

    public static void Validate(string name, bool strict)
    {
        if (name.Length == 0)
        {
            throw Fail.BadRequest("File names must not be empty");
        }
        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxNameBytes)
        {
            throw Fail.BadRequest($"File names must be at most {MaxNameBytes} bytes of UTF-8; this one is {bytes}");
        }
        foreach (var c in name)
        {
            if (c < 32 || c == 127)
            {
                throw Fail.BadRequest("File names must not contain control characters or DEL");
            }
        }
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) ? i + 1 >= name.Length || !char.IsLowSurrogate(name[++i]) : char.IsLowSurrogate(name[i]))
            {
                throw Fail.BadRequest("File names must be valid UTF-8");
            }
        }
        if (!strict)
        {
            return;
        }
        if (name.StartsWith('/') || name.EndsWith('/') || name.Contains("//", StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            throw Fail.BadRequest("File names must not start or end with /, contain // or contain \\");
        }
        foreach (var segment in name.Split('/'))
        {
            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                throw Fail.BadRequest($"Each /-separated part of a file name must be at most {MaxSegmentBytes} bytes");
            }
        }
    }
}
