using Cairn.Bench;
using Cairn.Bench.Servers;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
if (args.Length > 0 && args[0] == "bare")
{
    return await BareServer.RunAsync(args[1..]);
}
return await Harness.RunAsync(BenchOptions.Parse(args));
