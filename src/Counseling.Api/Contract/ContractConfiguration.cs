using System.Text.Json.Serialization;

namespace Counseling.Api.Contract;

/// <summary>The OpenAPI document at /openapi/v1.json, derived from the endpoints, their validators and the service's composition.</summary>
public static class ContractConfiguration
{
    public static void AddCounselingOpenApi(this IServiceCollection services)
    {
        // Read once at start-up; the document is built from it on request, the write path never touches it.
        var fieldRules = FieldRules.FromValidatorsIn(typeof(ContractConfiguration).Assembly);
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer(new RequestSchemaTransformer(fieldRules));
            options.AddOperationTransformer<OperationContractTransformer>();
            options.AddDocumentTransformer(new DocumentContractTransformer(fieldRules));
        });
    }
}
