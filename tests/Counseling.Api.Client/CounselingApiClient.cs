using System.Text.Json;
using System.Text.Json.Serialization;

namespace Counseling.Api.Client;

public partial class CounselingApiClient
{
    /// <summary>
    /// The document declares enums as strings (inPerson, efficiency); NSwag's System.Text.Json output converts enum
    /// properties but not enum items of a list (its own TODO), so every enum travels as its camelCase name.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
}
