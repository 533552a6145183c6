namespace Cairn.Testing;

/// <summary>A check a test assembly registers in every server (<see cref="CairnServer.ConfigureEveryServer"/>); it fails the server's disposal.</summary>
public interface IServerCheck
{
    void ThrowIfFailed();
}
