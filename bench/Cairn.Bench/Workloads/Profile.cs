namespace Cairn.Bench.Workloads;

/// <summary>How much each workload does. Every workload stops at its count or its time, whichever comes first.</summary>
internal sealed record Profile
{
    public required string Name { get; init; }

    /// <summary>Workload 1: one object up then down, one stream.</summary>
    public long LargeObjectSize { get; init; }

    public TimeSpan LargeObjectTimeout { get; init; }

    /// <summary>Workload 2: object sizes, concurrencies, and the bound of each PUT or GET phase.</summary>
    public int[] SmallSizes { get; init; } = [4096, 65536];

    public int[] Concurrencies { get; init; } = [1, 16, 64];

    public int PhaseMaxOps { get; init; }

    public TimeSpan PhaseMaxTime { get; init; }

    /// <summary>Workload 3: how many files to put in the listing bucket, spread over how many folders.</summary>
    public int ListFiles { get; init; }

    public TimeSpan ListFillTime { get; init; }

    public int ListFolders { get; init; } = 10_000;

    public int ListPages { get; init; }

    public TimeSpan ListTime { get; init; }

    /// <summary>Workload 4: one large file in parallel parts.</summary>
    public int PartCount { get; init; } = 8;

    public long PartSize { get; init; }

    public TimeSpan PartsTimeout { get; init; }

    /// <summary>Machine limits: bytes hashed per digest, files per fsync test.</summary>
    public long HashBytes { get; init; }

    public int FsyncFiles { get; init; }

    public static Profile Quick { get; } = new()
    {
        Name = "quick",
        LargeObjectSize = 256L * 1024 * 1024,
        LargeObjectTimeout = TimeSpan.FromSeconds(30),
        PhaseMaxOps = 5_000,
        PhaseMaxTime = TimeSpan.FromSeconds(1.0),
        ListFiles = 20_000,
        ListFillTime = TimeSpan.FromSeconds(12),
        ListPages = 40,
        ListTime = TimeSpan.FromSeconds(4),
        PartSize = 16_000_000,
        PartsTimeout = TimeSpan.FromSeconds(30),
        HashBytes = 256L * 1024 * 1024,
        FsyncFiles = 256,
    };

    public static Profile Full { get; } = new()
    {
        Name = "full",
        LargeObjectSize = 1024L * 1024 * 1024,
        LargeObjectTimeout = TimeSpan.FromSeconds(90),
        PhaseMaxOps = 100_000,
        PhaseMaxTime = TimeSpan.FromSeconds(5),
        ListFiles = 1_000_000,
        ListFillTime = TimeSpan.FromSeconds(240),
        ListPages = 400,
        ListTime = TimeSpan.FromSeconds(30),
        PartSize = 100_000_000,
        PartsTimeout = TimeSpan.FromSeconds(90),
        HashBytes = 1024L * 1024 * 1024,
        FsyncFiles = 2_000,
    };
}
