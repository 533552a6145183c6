using System.Runtime.CompilerServices;
using Cairn.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.Server.Tests.Support.Contract;

/// <summary>Puts a <see cref="ContractRecorder"/> in every server the integration suite starts, whichever way it starts it.</summary>
internal static class ContractModule
{
#pragma warning disable CA2255 // A test assembly's own setup: every CairnServer in this process records its exchanges.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => CairnServer.ConfigureEveryServer = builder =>
    {
        var recorder = new ContractRecorder();
        builder.Services.AddSingleton(recorder);
        builder.Services.AddSingleton<IServerCheck>(recorder);
        builder.Services.AddSingleton<IStartupFilter>(recorder);
    };
}
