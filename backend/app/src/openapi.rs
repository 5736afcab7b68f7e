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
    normalise_responses(doc);
}

/// Error bodies are `application/problem+json`: rewrite the content type of every response whose body is
/// the Problem schema (utoipa defaults it to `application/json`), and give every response a description
/// (OpenAPI requires one).
fn normalise_responses(doc: &mut OpenApi) {
    use utoipa::openapi::RefOr;
    for item in doc.paths.paths.values_mut() {
        let ops = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for op in ops.into_iter().flatten() {
            for (status, resp) in op.responses.responses.iter_mut() {
                let RefOr::T(resp) = resp else { continue };
                if resp.description.is_empty() {
                    resp.description = status
                        .parse::<u16>()
                        .ok()
                        .and_then(|s| actix_web::http::StatusCode::from_u16(s).ok())
                        .and_then(|s| s.canonical_reason())
                        .unwrap_or("Response")
                        .to_string();
                }
                let is_problem = matches!(
                    resp.content.get("application/json"),
                    Some(RefOr::T(c)) if matches!(&c.schema, Some(RefOr::Ref(r)) if r.ref_location.ends_with("/Problem"))
                );
                if is_problem {
                    if let Some(c) = resp.content.shift_remove("application/json") {
                        resp.content
                            .insert("application/problem+json".to_string(), c);
                    }
                }
            }
        }
    }
}

/// The committed document's text: pretty JSON with a trailing newline.
pub fn to_pretty_json(doc: &OpenApi) -> String {
    let mut s = doc.to_pretty_json().expect("serialise OpenAPI");
    s.push('\n');
    s
}
