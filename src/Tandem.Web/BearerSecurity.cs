using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tandem.Web;

/// <summary>Declares the bearer-token scheme in the OpenAPI document and requires it document-wide.</summary>
public sealed class BearerSecurity : IOpenApiDocumentTransformer
{
    /// <inheritdoc/>
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "Tandem API";
        document.Info.Description = "Lead data in (upserts keyed by source and id), leads out with their timeline. " +
                                    "Every route needs `Authorization: Bearer <token>` (tandem token create --name NAME) except /healthz.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[TokenAuthentication.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "tdm_...",
            Description = "An API token from `tandem token create --name NAME`.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenAuthentication.SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }
}
