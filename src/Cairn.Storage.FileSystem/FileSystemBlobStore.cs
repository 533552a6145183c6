using System.Runtime.CompilerServices;
using Cairn.Core.Errors;
using Cairn.Core.Ids;
using Cairn.Core.Storage;
using Microsoft.Win32.SafeHandles;

namespace Cairn.Storage.FileSystem;

/// <summary>
/// Blobs as files on a local disk: <c>&lt;root&gt;/blobs/&lt;id[0..2]&gt;/&lt;id&gt;</c>, written as unnamed files in
/// their final directory and linked into place on commit (or, where the filesystem cannot, written under
/// <c>&lt;root&gt;/tmp/</c> and renamed into place). Paths derive only from the blob id, which must be
/// 32 lower-case hex characters, so no path can leave the root.
/// </summary>
/// <remarks>
/// <para>A commit is: write the remaining bytes, fsync the file, rename it into place, then fsync the destination
/// directory. A crash at any point leaves either no blob or a complete one; a crash before the rename leaves a file in
/// <c>tmp/</c>, which <see cref="InitializeAsync"/> deletes. Deletes are not fsynced: a blob that reappears after a
/// crash is an orphan, and the orphan sweep removes it.</para>
/// <para>One level of 256 directories, all created (and made durable) by <see cref="InitializeAsync"/>: an upload never
/// creates a directory, so it never pays the mkdir and the parent fsyncs that a lazily created tree costs on a fresh
/// store, and 256 directories keep a million blobs at about 4,000 entries each, which ext4's hashed directories
/// handle without slowing down.</para>
/// </remarks>
public sealed class FileSystemBlobStore : IBlobStore
{
    private readonly string _root;
    private readonly string _tmp;
    private readonly string _blobs;
    private readonly int _writeBufferSize;
    private readonly TimeSpan _temporaryFileGrace;
    private volatile bool _unnamed;

    public FileSystemBlobStore(FileSystemBlobStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _root = Path.GetFullPath(options.RootDirectory);
        _tmp = Path.Combine(_root, "tmp");
        _blobs = Path.Combine(_root, "blobs");
        _writeBufferSize = options.WriteBufferSize;
        _temporaryFileGrace = options.TemporaryFileGrace;
        _unnamed = options.UseUnnamedTemporaryFiles;
    }

    /// <summary>The absolute root directory.</summary>
    public string RootDirectory => _root;

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EnsureDirectory(_root);
        EnsureDirectory(_blobs);
        EnsureDirectory(_tmp);
        var created = false;
        for (var i = 0; i < 256; i++)
        {
            var directory = Path.Combine(_blobs, i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory);
                created = true;
            }
        }
        if (created)
        {
            DirectorySync.Fsync(_blobs);
        }
        var unwrittenSince = DateTime.UtcNow - _temporaryFileGrace;
        foreach (var entry in new DirectoryInfo(_tmp).EnumerateFileSystemInfos())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_temporaryFileGrace > TimeSpan.Zero && entry.LastWriteTimeUtc >= unwrittenSince)
            {
                continue; // another node sharing the directory may still be writing it
            }
            try
            {
                if (entry is DirectoryInfo directory)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
            catch (DirectoryNotFoundException)
            {
                // Another node starting on the shared directory deleted it first.
            }
        }
        return Task.CompletedTask;
    }

    public Task<IBlobWriter> CreateAsync(string blobId, CancellationToken cancellationToken)
    {
        ValidateBlobId(blobId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(Create(blobId));
        }
        catch (IOException e) when (DiskFull.Caused(e))
        {
            throw Fail.StorageFull(e);
        }
    }

    private IBlobWriter Create(string blobId)
    {
        if (_unnamed)
        {
            if (DirectorySync.OpenUnnamed(Path.GetDirectoryName(BlobPath(blobId))!) is { } unnamed)
            {
                return new FileSystemBlobWriter(this, blobId, null, unnamed, _writeBufferSize);
            }
            _unnamed = false; // This filesystem cannot; stay with named temporary files from now on.
        }
        // The random suffix keeps two writers of one id (a caller's bug) from sharing a temporary file.
        var tempPath = Path.Combine(_tmp, string.Concat(blobId, ".", IdGenerator.RandomHex(8), ".tmp"));
        var handle = File.OpenHandle(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        return new FileSystemBlobWriter(this, blobId, tempPath, handle, _writeBufferSize);
    }

    public Task<Stream> OpenReadAsync(string blobId, long offset, long length, CancellationToken cancellationToken)
    {
        var path = BlobPath(blobId);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        cancellationToken.ThrowIfCancellationRequested();
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new FileNotFoundException($"Blob {blobId} does not exist.", path, e);
        }
        var size = RandomAccess.GetLength(handle);
        if (offset > size || length > size - offset)
        {
            handle.Dispose();
            throw new ArgumentOutOfRangeException(nameof(length),
                $"Range {offset}+{length} is outside blob {blobId}, which has {size} bytes.");
        }
        return Task.FromResult<Stream>(new FileRangeReadStream(handle, offset, length));
    }

    public Task DeleteAsync(string blobId, CancellationToken cancellationToken)
    {
        var path = BlobPath(blobId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Never committed, or already gone.
        }
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredBlob> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Directory enumeration blocks; leave the caller's thread first.
        await Task.Yield();
        if (!Directory.Exists(_blobs))
        {
            yield break;
        }
        foreach (var first in new DirectoryInfo(_blobs).EnumerateDirectories())
        {
            if (!IsHexPair(first.Name))
            {
                continue;
            }
            foreach (var file in first.EnumerateFiles())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = file.Name;
                // Only files at the place their id names: anything else is not a blob this store could open.
                if (IdFormats.IsBlobId(id) && id.AsSpan(0, 2).SequenceEqual(first.Name))
                {
                    yield return new StoredBlob(id, new DateTimeOffset(file.LastWriteTimeUtc));
                }
            }
        }
    }

    /// <summary>Renames a finished temporary file to its blob's place and returns the directory that now holds it.</summary>
    internal string MoveIntoPlace(string tempPath, string blobId)
    {
        var path = BlobPath(blobId);
        // rename(2): atomic, and it replaces an existing file (ids are never reused, so none exists).
        File.Move(tempPath, path, overwrite: true);
        return Path.GetDirectoryName(path)!;
    }

    /// <summary>Names an unnamed file at its blob's place and returns the directory that now holds it.</summary>
    internal string LinkIntoPlace(SafeFileHandle handle, string blobId)
    {
        var path = BlobPath(blobId);
        DirectorySync.Link(handle, path);
        return Path.GetDirectoryName(path)!;
    }

    private string BlobPath(string blobId)
    {
        ValidateBlobId(blobId);
        return Path.Join(_blobs, blobId.AsSpan(0, 2), blobId);
    }

    private static void ValidateBlobId(string blobId)
    {
        ArgumentNullException.ThrowIfNull(blobId);
        if (!IdFormats.IsBlobId(blobId))
        {
            throw new ArgumentException($"Not a blob id: '{blobId}'. Blob ids are 32 lower-case hex characters.", nameof(blobId));
        }
    }

    /// <summary>Creates a directory (and missing ancestors) and makes each created one's entry in its parent durable.</summary>
    private static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }
        var parent = Path.GetDirectoryName(directory);
        if (parent is not null)
        {
            EnsureDirectory(parent);
        }
        Directory.CreateDirectory(directory);
        DirectorySync.Fsync(Path.GetDirectoryName(directory)!);
    }

    private static bool IsHexPair(string name) => name.Length == 2 && char.IsAsciiHexDigitLower(name[0]) && char.IsAsciiHexDigitLower(name[1]);
}
