using System.Text.Json;
using System.Text.Json.Serialization;
using Wolverine.Http;

namespace Counseling.Api.Infrastructure;

public static class HttpConfiguration
{
    public static void AddCounselingHttp(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // Enum values travel as their names ("inPerson"); a number or an unknown name is bad input.
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddWolverineHttp();
    }
}
