using System.Reflection;
using Wolverine.Http;

namespace Counseling.Api.Contract;

/// <summary>
/// Operation ids as a generated client names its methods, as lowerCamelCase verbs: a write is named by its request
/// (LogSessionRequest: logSession); otherwise by the endpoint class (LogSessionEndpoint: logSession), or, in a class
/// of several endpoints (CheckpointEndpoints), by the method when it says more than its HTTP verb. A read whose name
/// does not start with a verb (CaseloadEndpoint) gets "get".
/// </summary>
public static class OperationIds
{
    private static readonly string[] ReadVerbs = ["Get", "List", "Verify", "Find"];
    private static readonly string[] HttpVerbs = ["Get", "Post", "Put", "Delete", "Patch"];

    public static string? For(string httpMethod, IEnumerable<object> endpointMetadata)
    {
        var metadata = endpointMetadata.ToList();
        var chain = metadata.OfType<HttpChain>().FirstOrDefault();
        var method = chain?.Method.Method ?? metadata.OfType<MethodInfo>().FirstOrDefault();
        var handler = chain?.Method.HandlerType ?? method?.DeclaringType;
        if (handler is null) return null;

        var name = chain?.RequestType is { Name: var request } && request.EndsWith("Request", StringComparison.Ordinal)
            ? request[..^"Request".Length]
            : handler.Name.EndsWith("Endpoints", StringComparison.Ordinal) && method is not null && !HttpVerbs.Contains(method.Name)
                ? method.Name
                : handler.Name.EndsWith("Endpoint", StringComparison.Ordinal) ? handler.Name[..^"Endpoint".Length]
                : handler.Name.EndsWith("Endpoints", StringComparison.Ordinal) ? handler.Name[..^"Endpoints".Length]
                : handler.Name;
        if (httpMethod == "GET" && !ReadVerbs.Any(verb => name.StartsWith(verb, StringComparison.Ordinal))) name = "Get" + name;
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
