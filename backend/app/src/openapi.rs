//! The OpenAPI document's fixed parts: info, servers, security schemes, shared schemas.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContactBuilder, InfoBuilder, LicenseBuilder, OpenApi, OpenApiBuilder};
use utoipa::PartialSchema;

pub fn base_document() -> OpenApi {
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("weikao API")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "Registration and qualification review for the health professional technical qualification, \
                     physician qualification and nurse licensure exams. Errors are application/problem+json \
                     (RFC 9457) with a stable `code`; validation errors carry `errors: {field: [codes]}`.",
                ))
                .license(Some(LicenseBuilder::new().name("Apache-2.0").identifier(Some("Apache-2.0")).build()))
                .contact(Some(ContactBuilder::new().name(Some("weikao maintainers")).build()))
                .build(),
        )
        .build()
}

/// Adds what the route collection cannot know: security schemes, the problem schema.
pub fn finish(doc: &mut OpenApi) {
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("JWT")
                .build(),
        ),
    );
    components
        .schemas
        .insert("Problem".to_string(), crate::error::Problem::schema());
}

/// The committed document's text: pretty JSON with a trailing newline.
pub fn to_pretty_json(doc: &OpenApi) -> String {
    let mut s = doc.to_pretty_json().expect("serialise OpenAPI");
    s.push('\n');
    s
}
