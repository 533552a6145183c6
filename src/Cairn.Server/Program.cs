using Cairn.Server.Hosting;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(CairnConfiguration.HelpText);
    return 0;
}

WebApplication app;
Cairn.Core.Keys.AccountBootstrap.Result started;
try
{
    app = CairnHost.Build(args);
    started = await CairnHost.InitializeAsync(app);
}
catch (Exception e) when (e is StartupRefusedException or Microsoft.Extensions.Options.OptionsValidationException)
{
    // The operator's to fix, and the message says how: no stack trace.
    await Console.Error.WriteLineAsync($"cairn: {e.Message}");
    return 2;
}
if (started.NewSecret is { } secret)
{
    // Shown once, on the start that created it; only its salted hash is stored.
    Console.WriteLine();
    Console.WriteLine("  Master application key created. Save it now; it is not shown again.");
    Console.WriteLine($"    keyID:          {started.MasterKey.ApplicationKeyId}");
    Console.WriteLine($"    applicationKey: {secret}");
    Console.WriteLine();
}
await app.RunAsync();
return 0;
