using System.Text;
using System.Text.Json.Nodes;
using Cairn.Server.OpenApi;

namespace Cairn.Fuzz.Tests;

/// <summary>
/// Valid requests for every operation in the server's own table (<see cref="B2Operations.All"/>), so an operation added
/// there is fuzzed without touching this suite. Values come from <see cref="FuzzWorld"/> by parameter name; a parameter
/// the generator has no value for is left out unless required, where it gets a plain string.
/// </summary>
public sealed class RequestGenerator(FuzzWorld world, Random random)
{
    public static IReadOnlyList<B2Operation> Operations { get; } = B2Operations.All;

    public FuzzCase Valid(B2Operation operation, int version)
    {
        var v = "v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return operation.Kind switch
        {
            OperationKind.Authorize => Authorize(operation, v),
            OperationKind.Upload when operation.Name == "b2_upload_part" => UploadPart(operation, v),
            OperationKind.Upload => UploadFile(operation, v),
            OperationKind.Download => Download(operation, v),
            OperationKind.Preflight => Preflight(operation, v),
            _ => JsonCall(operation, v),
        };
    }

    private FuzzCase Authorize(B2Operation operation, string version)
    {
        var call = new FuzzCase { Operation = operation, Method = random.Next(2) == 0 ? "GET" : "POST", Path = operation.Path.Replace("{apiVersion}", version, StringComparison.Ordinal) };
        call.SetHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Cairn.Testing.CairnServer.MasterKeyId}:{Cairn.Testing.CairnServer.MasterKey}")));
        return call;
    }

    private FuzzCase JsonCall(B2Operation operation, string version)
    {
        var call = new FuzzCase
        {
            Operation = operation,
            Method = random.Next(4) == 0 ? "GET" : "POST",
            Path = operation.Path.Replace("{apiVersion}", version, StringComparison.Ordinal),
            Json = [],
        };
        foreach (var parameter in operation.Parameters)
        {
            var value = ValueFor(operation.Name, parameter);
            if (value is not null && (parameter.Required || random.Next(2) == 0))
            {
                call.Json[parameter.Name] = value;
            }
            else if (parameter.Required)
            {
                call.Json[parameter.Name] = "x";
            }
        }
        if (call.Method == "POST")
        {
            call.SetHeader("Content-Type", "application/json");
        }
        call.SetHeader("Authorization", world.MasterToken);
        return call;
    }

    private FuzzCase UploadFile(B2Operation operation, string version)
    {
        var content = Encoding.UTF8.GetBytes("fuzz upload " + random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var call = new FuzzCase { Operation = operation, Method = "POST", Path = WithVersion(world.UploadUrl.Target, version), RawBody = content };
        call.SetHeader("Authorization", world.UploadUrl.Token);
        call.SetHeader("X-Bz-File-Name", "scoped/fuzz-" + random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".txt");
        call.SetHeader("Content-Type", random.Next(2) == 0 ? "b2/x-auto" : "text/plain");
        call.SetHeader("X-Bz-Content-Sha1", Cairn.Testing.B2Session.Sha1Hex(content));
        if (random.Next(3) == 0)
        {
            call.SetHeader("X-Bz-Info-color", "blue");
        }
        if (random.Next(4) == 0)
        {
            call.SetHeader("X-Bz-Info-b2-content-disposition", "attachment");
        }
        return call;
    }

    private FuzzCase UploadPart(B2Operation operation, string version)
    {
        var content = Encoding.UTF8.GetBytes("fuzz part " + random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var call = new FuzzCase { Operation = operation, Method = "POST", Path = WithVersion(world.PartUrl.Target, version), RawBody = content };
        call.SetHeader("Authorization", world.PartUrl.Token);
        call.SetHeader("X-Bz-Part-Number", (random.Next(3) + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        call.SetHeader("X-Bz-Content-Sha1", Cairn.Testing.B2Session.Sha1Hex(content));
        return call;
    }

    private FuzzCase Download(B2Operation operation, string version)
    {
        FuzzCase call;
        if (operation.Path.StartsWith("/file/", StringComparison.Ordinal))
        {
            var (_, name) = random.Pick(world.ScopedFiles);
            call = new FuzzCase { Operation = operation, Method = random.Next(4) == 0 ? "HEAD" : "GET", Path = $"/file/{world.HomeBucketName}/{name}" };
        }
        else
        {
            call = new FuzzCase
            {
                Operation = operation,
                Method = random.Next(5) switch { 0 => "HEAD", 1 => "POST", _ => "GET" },
                Path = operation.Path.Replace("{apiVersion}", version, StringComparison.Ordinal),
                Json = new JsonObject { ["fileId"] = random.Pick(world.ScopedFiles).Id },
            };
            if (call.Method == "POST")
            {
                call.SetHeader("Content-Type", "application/json");
            }
        }
        call.SetHeader("Authorization", random.Next(4) == 0 ? world.DownloadToken : world.MasterToken);
        if (random.Next(3) == 0)
        {
            call.SetHeader("Range", "bytes=0-3");
        }
        if (random.Next(4) == 0)
        {
            call.Query.Add(new("b2ContentDisposition", Uri.EscapeDataString("attachment; filename=\"a.txt\"")));
        }
        return call;
    }

    private FuzzCase Preflight(B2Operation operation, string version)
    {
        var path = operation.Name switch
        {
            "b2_upload_file" => WithVersion(world.UploadUrl.Target, version),
            "b2_download_file_by_name" => $"/file/{world.HomeBucketName}/{world.ScopedFiles[0].Name}",
            _ => operation.Path.Replace("{apiVersion}", version, StringComparison.Ordinal),
        };
        var call = new FuzzCase { Operation = operation, Method = "OPTIONS", Path = path };
        call.SetHeader("Origin", "https://example.com");
        call.SetHeader("Access-Control-Request-Method", random.Next(2) == 0 ? "GET" : "POST");
        return call;
    }

    /// <summary>A valid value for a parameter, by its name (and the operation, where the name means different things).</summary>
    private JsonNode? ValueFor(string operation, B2Param parameter)
    {
        var largeFileOperation = operation is "b2_get_upload_part_url" or "b2_list_parts" or "b2_finish_large_file" or "b2_cancel_large_file";
        return parameter.Name switch
        {
            "accountId" => world.AccountId,
            "bucketId" or "destinationBucketId" => world.HomeBucketId,
            "bucketName" when operation == "b2_create_bucket" => "fuzz-new-" + random.Next(1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "bucketName" => world.HomeBucketName,
            "fileId" when largeFileOperation => world.LargeFileId,
            "largeFileId" => world.LargeFileId,
            "fileId" or "sourceFileId" => random.Pick(world.ScopedFiles).Id,
            "fileName" when operation == "b2_start_large_file" => "scoped/fuzz-large-" + random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "fileName" when operation == "b2_copy_file" => "scoped/fuzz-copy-" + random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "fileName" => random.Pick(world.ScopedFiles).Name,
            "partSha1Array" => new JsonArray(world.PartSha1),
            "applicationKeyId" => world.SpareKeyId,
            "startApplicationKeyId" => world.RestrictedKeyId,
            "capabilities" => new JsonArray("listFiles", "readFiles"),
            "keyName" => "fuzz-key-" + random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "validDurationInSeconds" => 3600,
            "maxFileCount" or "maxKeyCount" or "maxPartCount" => random.Next(1, 20),
            "prefix" or "namePrefix" or "fileNamePrefix" => FuzzWorld.ScopedPrefix,
            "delimiter" => "/",
            "startFileName" => FuzzWorld.ScopedPrefix,
            "startPartNumber" => 1,
            "partNumber" => random.Next(2, 5),
            "bucketType" => "allPrivate",
            "bucketTypes" => new JsonArray("all"),
            "bucketIds" => new JsonArray(world.HomeBucketId),
            "contentType" => random.Next(2) == 0 ? "b2/x-auto" : "text/plain",
            "fileInfo" => new JsonObject { ["color"] = "blue", ["b2-cache-control"] = "max-age=60" },
            "bucketInfo" => new JsonObject { ["owner"] = "fuzz" },
            "legalHold" => random.Next(2) == 0 ? "off" : "on",
            "metadataDirective" => "COPY",
            "range" => "bytes=0-3",
            "bypassGovernance" => false,
            "fileLockEnabled" => false,
            "lifecycleRules" => new JsonArray(),
            "corsRules" => new JsonArray(),
            "eventNotificationRules" => new JsonArray(),
            "fileRetention" => new JsonObject { ["mode"] = "governance", ["retainUntilTimestamp"] = 4102444800000 },
            "defaultRetention" => new JsonObject { ["mode"] = null },
            "defaultServerSideEncryption" or "serverSideEncryption" => new JsonObject { ["mode"] = "SSE-B2", ["algorithm"] = "AES256" },
            "b2ContentDisposition" => "attachment; filename=\"a.txt\"",
            "b2CacheControl" => "max-age=60",
            _ => null,
        };
    }

    private static string WithVersion(string target, string version)
    {
        var slash = target.IndexOf('/', "/b2api/".Length);
        return "/b2api/" + version + target[slash..];
    }
}
