//! The two single-page apps: the candidate H5 app at `/` and the reviewer console at `/review/`, served from
//! built `dist` folders with history fallback to `index.html`. Unknown paths under `/api/` stay problem+json 404s.

use std::path::{Component, Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, Responder, ResponseError};

use crate::config::Config;
use crate::error::ApiError;

#[derive(Clone, Debug, Default)]
pub struct WebRoots {
    pub candidate: Option<PathBuf>,
    pub review: Option<PathBuf>,
}

impl WebRoots {
    /// `WEIKAO_WEB_DIR/{candidate,review}`, or the repository's `frontend-*/dist` when unset.
    pub fn from_config(cfg: &Config) -> WebRoots {
        let (c, r) = if cfg.web_dir.is_empty() {
            (
                PathBuf::from("frontend-candidate/dist"),
                PathBuf::from("frontend-review/dist"),
            )
        } else {
            let base = PathBuf::from(&cfg.web_dir);
            (base.join("candidate"), base.join("review"))
        };
        let existing = |p: PathBuf| p.join("index.html").is_file().then_some(p);
        WebRoots {
            candidate: existing(c),
            review: existing(r),
        }
    }
}

/// A request path below a root, or None when it tries to leave it.
fn safe_join(root: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel.trim_start_matches('/'));
    let mut out = root.to_path_buf();
    for c in rel.components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

fn api_like(path: &str) -> bool {
    ["/api/", "/sandbox/", "/docs"]
        .iter()
        .any(|p| path.starts_with(p))
        || path == "/api"
}

pub async fn serve(req: HttpRequest, roots: WebRoots) -> HttpResponse {
    let path = req.path().to_string();
    if !(req.method() == Method::GET || req.method() == Method::HEAD) || api_like(&path) {
        return ApiError::not_found().error_response();
    }
    let (root, rel) = if path == "/review" {
        return HttpResponse::PermanentRedirect()
            .insert_header(("location", "/review/"))
            .finish();
    } else if let Some(rest) = path.strip_prefix("/review/") {
        (roots.review.as_ref(), rest.to_string())
    } else {
        (
            roots.candidate.as_ref(),
            path.trim_start_matches('/').to_string(),
        )
    };
    let Some(root) = root else {
        return ApiError::not_found()
            .detail("this front end is not built")
            .error_response();
    };
    let file = match safe_join(root, &rel) {
        Some(f) if f.is_file() => f,
        Some(_) if !rel.starts_with("assets/") => root.join("index.html"),
        _ => return ApiError::not_found().error_response(),
    };
    let is_index = file.file_name().is_some_and(|n| n == "index.html");
    match NamedFile::open(&file) {
        Ok(f) => {
            let mut res = f.respond_to(&req).map_into_boxed_body();
            let cache = if is_index {
                "no-cache"
            } else {
                "public, max-age=31536000, immutable"
            };
            res.headers_mut().insert(
                actix_web::http::header::CACHE_CONTROL,
                actix_web::http::header::HeaderValue::from_static(cache),
            );
            res
        }
        Err(_) => ApiError::not_found().error_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_the_root() {
        let root = Path::new("/srv/web");
        assert_eq!(
            safe_join(root, "/assets/a.js"),
            Some(PathBuf::from("/srv/web/assets/a.js"))
        );
        assert_eq!(safe_join(root, "../etc/passwd"), None);
        assert_eq!(safe_join(root, "/a/../../x"), None);
    }

    #[test]
    fn api_paths_are_never_spa_routes() {
        assert!(api_like("/api/v1/x"));
        assert!(api_like("/docs/"));
        assert!(!api_like("/register"));
        assert!(!api_like("/apiary"));
    }
}
