//! The app factory: every route is registered through utoipa-actix-web, so the served router and the
//! OpenAPI document are one thing. Extractor errors become problem+json with stable codes. Everything
//! else falls through to the SPAs (`http::web`), which keep `/api/` 404s as problems.

use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{middleware, web, App, HttpRequest};
use utoipa::openapi::OpenApi;
use utoipa_actix_web::AppExt;

use crate::error::ApiError;
use crate::http::state::AppState;

fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let e = match &err {
        JsonPayloadError::ContentType => ApiError::new(
            actix_web::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        )
        .detail("send the body as application/json"),
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            ApiError::new(
                actix_web::http::StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
            )
        }
        JsonPayloadError::Deserialize(de) => {
            let msg = de.to_string();
            if msg.contains("unknown field") {
                ApiError::bad_request("unknown_field").detail(msg)
            } else if de.is_data() {
                ApiError::bad_request("invalid_body").detail(msg)
            } else {
                ApiError::bad_request("malformed_json").detail(msg)
            }
        }
        _ => ApiError::bad_request("malformed_json"),
    };
    e.into()
}

fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::bad_request("invalid_query")
        .detail(err.to_string())
        .into()
}

fn path_error(err: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::bad_request("invalid_path")
        .detail(err.to_string())
        .into()
}

/// Registers every documented route.
fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    crate::ops::api::configure(cfg);
    crate::accounts::api::configure(cfg);
    crate::orgs::api::configure(cfg);
    crate::catalog::api::configure(cfg);
    crate::registration::api::configure(cfg);
    crate::materials::api::configure(cfg);
    crate::supplements::candidate::configure(cfg);
    crate::supplements::review::configure(cfg);
    crate::class_lists::api::configure(cfg);
    crate::help::api::configure(cfg);
    crate::review::api::configure(cfg);
    crate::verification::api::configure(cfg);
    crate::libraries::api::configure(cfg);
    crate::payments::api::configure(cfg);
    crate::payments::admin_api::configure(cfg);
    crate::payments::sandbox::configure(cfg);
    crate::audit::api::configure(cfg);
    crate::exchange::network_api::configure(cfg);
    crate::exchange::probation_api::configure(cfg);
    crate::exchange::institutions_api::configure(cfg);
    crate::exchange::comparison_api::configure(cfg);
    crate::exchange::talent_api::configure(cfg);
    crate::exchange::portal_api::configure(cfg);
}

/// Builds the application; returns it with its OpenAPI document.
pub fn build_app(
    state: Option<web::Data<AppState>>,
    max_json: usize,
) -> (
    App<
        impl ServiceFactory<
            ServiceRequest,
            Config = (),
            Response = ServiceResponse<impl actix_web::body::MessageBody>,
            Error = actix_web::Error,
            InitError = (),
        >,
    >,
    OpenApi,
) {
    let roots = state
        .as_ref()
        .map(|s| crate::http::web::WebRoots::from_config(&s.cfg))
        .unwrap_or_default();
    let mut app = App::new()
        .app_data(
            web::JsonConfig::default()
                .limit(max_json)
                .error_handler(json_error),
        )
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .app_data(web::PathConfig::default().error_handler(path_error));
    if let Some(s) = state {
        app = app.app_data(s);
    }
    let (app, mut doc) = app
        .into_utoipa_app()
        .openapi(crate::openapi::base_document())
        .configure(routes)
        .split_for_parts();
    crate::openapi::finish(&mut doc);
    let app = app
        .service(
            utoipa_swagger_ui::SwaggerUi::new("/docs/{_:.*}")
                .url("/api/v1/openapi.json", doc.clone()),
        )
        .default_service(web::to(move |req: HttpRequest| {
            crate::http::web::serve(req, roots.clone())
        }))
        .wrap(middleware::from_fn(crate::http::cors::cors))
        .wrap(middleware::from_fn(crate::http::middleware::observe))
        .wrap(middleware::Compress::default());
    (app, doc)
}

/// The OpenAPI document without building a server (for `weikao openapi` and the drift test).
pub fn openapi_document() -> OpenApi {
    build_app(None, 1).1
}
