using Microsoft.AspNetCore.Localization;

namespace Counseling.Api.Localization;

/// <summary>English by default; Bahasa Indonesia for a request with Accept-Language: id.</summary>
public static class LocalizationConfiguration
{
    private static readonly string[] Cultures = ["en", "id"];

    public static void AddCounselingLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture("en").AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            // Only the header: a client cannot switch the language with a query string or a cookie.
            options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });
        // The titles ASP.NET writes itself (401, 403, 404, 405 from UseStatusCodePages) in the reader's language too.
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status is 401 or 403 or 404 or 405 && context.ProblemDetails.Detail is null &&
                context.ProblemDetails.Type?.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal) != false)
                context.ProblemDetails.Title = Texts.Get($"Status.{context.ProblemDetails.Status}");
        });
    }
}
