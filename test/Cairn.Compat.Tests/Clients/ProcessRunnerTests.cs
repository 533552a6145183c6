namespace Cairn.Compat.Tests.Clients;

/// <summary>The runner's own promises: a hung client is killed in time, a missing one fails loudly.</summary>
public sealed class ProcessRunnerTests
{
    [Fact]
    public async Task RunAsync_ProcessOutlivesTimeout_KillsTreeAndThrowsWithOutput()
    {
        var error = await Assert.ThrowsAsync<ClientProcessException>(() => ProcessRunner.RunAsync("/bin/sh",
            ["-c", "echo started; sleep 60 & wait"], timeout: TimeSpan.FromSeconds(1)));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Contains("started", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingExecutable_ThrowsWithInstallHint()
    {
        var error = await Assert.ThrowsAsync<ClientProcessException>(() =>
            ProcessRunner.RunAsync("cairn-no-such-client", [], missingHint: "apt-get install it"));

        Assert.Contains("apt-get install it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_EnsureSuccessThrowsWithBothStreams()
    {
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "printf 'out\\n'; printf 'err\\n' >&2; exit 3"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        var error = Assert.Throws<ClientProcessException>(() => result.EnsureSuccess());
        Assert.Contains("exit 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("err", error.Message, StringComparison.Ordinal);
    }
}
