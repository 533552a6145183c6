namespace Cairn.Server.Tests.B2.Auth;

public class AuthorizationDocTests
{
    [Fact]
    public void AuthorizationDoc_IsRenderedFromTheMatrixTable()
    {
        var path = Path.Combine(RepositoryRoot(), AuthorizationDoc.RelativePath);
        var rendered = AuthorizationDoc.Render();
        if (Environment.GetEnvironmentVariable("CAIRN_UPDATE_DOCS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, rendered);
        }
        Assert.True(File.Exists(path) && File.ReadAllText(path) == rendered,
            $"{AuthorizationDoc.RelativePath} is out of date; regenerate it with CAIRN_UPDATE_DOCS=1 dotnet test test/Cairn.Server.Tests --filter AuthorizationDoc");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cairn.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Cairn.slnx not found above the test binaries");
    }
}
