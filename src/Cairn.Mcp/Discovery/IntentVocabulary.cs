namespace Cairn.Mcp.Discovery;

/// <summary>
/// How people say what the API calls otherwise: "backup" means an upload, "folder" a name prefix, "older than 30 days"
/// a lifecycle rule. Each word of an intent also searches for these API words, at a lower weight than the word itself.
/// </summary>
public static class IntentVocabulary
{
    private const double Related = 0.6;

    private static readonly Dictionary<string, string[]> Raw = new(StringComparer.Ordinal)
    {
        ["backup"] = ["upload", "store"],
        ["dump"] = ["upload", "large"],
        ["save"] = ["upload", "store"],
        ["put"] = ["upload"],
        ["push"] = ["upload"],
        ["send"] = ["upload"],
        ["archive"] = ["upload"],
        ["add"] = ["upload", "create"],
        ["big"] = ["large"],
        ["huge"] = ["large"],
        ["gb"] = ["large"],
        ["multipart"] = ["large", "part"],
        ["chunk"] = ["part", "large"],
        ["piece"] = ["part", "large"],
        ["resume"] = ["part", "unfinished"],
        ["interrupted"] = ["unfinished", "part"],
        ["incomplete"] = ["unfinished"],
        ["pending"] = ["unfinished"],
        ["stuck"] = ["unfinished"],
        ["abort"] = ["cancel"],
        ["abandon"] = ["cancel"],
        ["stop"] = ["cancel"],
        ["finalize"] = ["finish"],
        ["complete"] = ["finish"],
        ["assemble"] = ["finish"],
        ["combine"] = ["finish"],
        ["credential"] = ["key"],
        ["access"] = ["key"],
        ["password"] = ["key"],
        ["apikey"] = ["key"],
        ["make"] = ["create"],
        ["new"] = ["create"],
        ["generate"] = ["create"],
        ["readonly"] = ["key", "capability"],
        ["folder"] = ["prefix", "folder"],
        ["directory"] = ["prefix", "folder"],
        ["path"] = ["prefix"],
        ["show"] = ["list"],
        ["see"] = ["list"],
        ["browse"] = ["list"],
        ["ls"] = ["list"],
        ["content"] = ["list"],
        ["inside"] = ["list"],
        ["everything"] = ["list"],
        ["older"] = ["lifecycle", "rule"],
        ["old"] = ["lifecycle", "version"],
        ["day"] = ["lifecycle", "rule"],
        ["days"] = ["lifecycle", "rule"],
        ["expire"] = ["lifecycle", "rule"],
        ["automatically"] = ["lifecycle", "rule"],
        ["cleanup"] = ["lifecycle", "delete"],
        ["clean"] = ["lifecycle", "delete"],
        ["purge"] = ["lifecycle", "delete"],
        ["keep"] = ["lifecycle", "version"],
        ["remove"] = ["delete"],
        ["erase"] = ["delete"],
        ["rm"] = ["delete"],
        ["destroy"] = ["delete"],
        ["wipe"] = ["delete"],
        ["drop"] = ["delete"],
        ["revoke"] = ["delete", "revoke"],
        ["disable"] = ["delete", "revoke"],
        ["share"] = ["download", "authorization", "share"],
        ["link"] = ["download", "authorization", "share"],
        ["url"] = ["url", "download"],
        ["someone"] = ["share", "authorization"],
        ["temporary"] = ["authorization", "time"],
        ["restore"] = ["version", "history"],
        ["undelete"] = ["version", "hide"],
        ["unhide"] = ["version", "hide"],
        ["previous"] = ["version"],
        ["history"] = ["version"],
        ["revision"] = ["version"],
        ["rename"] = ["copy"],
        ["move"] = ["copy"],
        ["duplicate"] = ["copy"],
        ["clone"] = ["copy"],
        ["size"] = ["info", "detail"],
        ["checksum"] = ["sha1", "info"],
        ["hash"] = ["sha1", "info"],
        ["metadata"] = ["info", "detail"],
        ["detail"] = ["info"],
        ["property"] = ["info", "detail"],
        ["newest"] = ["info", "list"],
        ["latest"] = ["info", "list"],
        ["fetch"] = ["download"],
        ["read"] = ["download"],
        ["retrieve"] = ["download"],
        ["grab"] = ["download"],
        ["open"] = ["download"],
        ["agent"] = ["agent", "grant"],
        ["app"] = ["agent", "grant"],
        ["connected"] = ["agent", "grant"],
        ["ai"] = ["agent"],
        ["permission"] = ["capability", "key", "grant"],
        ["lock"] = ["retention", "lock"],
        ["immutable"] = ["retention", "lock"],
        ["worm"] = ["retention", "lock"],
        ["protect"] = ["retention", "legal", "hold"],
        ["tamper"] = ["retention", "lock"],
        ["court"] = ["legal", "hold"],
        ["lawsuit"] = ["legal", "hold"],
        ["litigation"] = ["legal", "hold"],
        ["webhook"] = ["notification", "webhook"],
        ["notify"] = ["notification", "event"],
        ["alert"] = ["notification", "event"],
        ["cors"] = ["cors", "bucket", "setting"],
        ["browser"] = ["cors"],
        ["private"] = ["private", "bucket"],
        ["public"] = ["public", "bucket"],
        ["container"] = ["bucket"],
        ["setting"] = ["setting", "bucket"],
        ["configure"] = ["setting", "update"],
        ["change"] = ["update", "change"],
        ["edit"] = ["update"],
        ["modify"] = ["update"],
        ["invisible"] = ["hide"],
        ["conceal"] = ["hide"],
        ["trash"] = ["hide", "delete"],
    };

    private static readonly Dictionary<string, string[]> Stems = Raw
        .Select(e => (Key: Words.Stem(e.Key), Values: e.Value.Select(Words.Stem).OfType<string>().ToArray()))
        .Where(e => e.Key is not null)
        .GroupBy(e => e.Key!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Values).Distinct().ToArray(), StringComparer.Ordinal);

    /// <summary>The intent's stems at weight 1, and the API stems they stand for at a lower weight.</summary>
    public static IReadOnlyDictionary<string, double> Expand(IEnumerable<string> stems)
    {
        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var stem in stems)
        {
            terms[stem] = 1.0;
        }
        foreach (var stem in terms.Keys.ToList())
        {
            foreach (var related in Stems.GetValueOrDefault(stem) ?? [])
            {
                terms[related] = Math.Max(terms.GetValueOrDefault(related), Related);
            }
        }
        return terms;
    }
}
