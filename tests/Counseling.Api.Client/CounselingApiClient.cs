using System.Text.Json;
using System.Text.Json.Serialization;

namespace Counseling.Api.Client;

public partial class CounselingApiClient
{
    /// <summary>
    /// The document declares enums as strings (inPerson, efficiency). NSwag's System.Text.Json output puts a string
    /// converter on enum properties but none on enum items of a list (its own TODO): without this, topics would travel
    /// as numbers, which the service refuses.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
}
