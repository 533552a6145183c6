using Cairn.Server.Hosting;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(CairnConfiguration.HelpText);
    return 0;
}

var app = CairnHost.Build(args);
var started = await CairnHost.InitializeAsync(app);
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
