using System.Text.Json;
using System.Text.Json.Serialization;
using Counseling.Api.Contract;
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
            // Numbers are JSON numbers: the web defaults also accept "45" for 45, which the OpenAPI document then has to
            // declare as "integer or string".
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.AddCounselingOpenApi();
        builder.Services.AddWolverineHttp();
    }
}
