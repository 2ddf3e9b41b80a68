using System.Reflection;
using Wolverine.Http;

namespace Counseling.Api.Contract;

/// <summary>
/// Operation ids as a generated client names its methods: the endpoint class's name as a lowerCamelCase verb
/// (LogSessionEndpoint: logSession). A read whose class is named after what it reads (CaseloadEndpoint) gets "get".
/// </summary>
public static class OperationIds
{
    private static readonly string[] ReadVerbs = ["Get", "List", "Verify"];

    public static string? For(string httpMethod, IEnumerable<object> endpointMetadata)
    {
        var metadata = endpointMetadata.ToList();
        var handler = metadata.OfType<HttpChain>().FirstOrDefault()?.Method.HandlerType
                      ?? metadata.OfType<MethodInfo>().FirstOrDefault()?.DeclaringType;
        if (handler is null) return null;

        var name = handler.Name.EndsWith("Endpoint", StringComparison.Ordinal) ? handler.Name[..^"Endpoint".Length] : handler.Name;
        if (httpMethod == "GET" && !ReadVerbs.Any(verb => name.StartsWith(verb, StringComparison.Ordinal))) name = "Get" + name;
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
