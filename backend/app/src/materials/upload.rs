//! The upload pipeline: body → temporary file (bounded), sniff + sanitize (+ photo checks) in a blocking
//! task, SHA-256, object store, then the database row. Nothing is recorded unless every step succeeded;
//! temporary files are removed on every path.

use std::collections::BTreeMap;
use std::io::{BufReader, BufWriter, Read};
use std::path::{Path, PathBuf};

use actix_web::http::StatusCode;
use actix_web::web;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;
use weikao_core::files::{check_photo, sanitize, sniff, InspectError, PhotoSpec};

use crate::error::{ApiError, ApiResult};

/// Removes its file when dropped.
pub struct TempFile(pub PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

pub fn too_large(max: u64) -> ApiError {
    ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large")
        .detail(format!("files may be at most {max} bytes"))
}

/// Streams the request body into a temporary file, refusing it as soon as it exceeds `max` bytes.
pub async fn receive(
    mut payload: web::Payload,
    dir: &Path,
    max: u64,
) -> ApiResult<(TempFile, u64)> {
    tokio::fs::create_dir_all(dir).await.map_err(|e| {
        tracing::error!(error = %e, "cannot create upload dir");
        ApiError::internal()
    })?;
    let tmp = TempFile(dir.join(format!("{}.upload", uuid::Uuid::new_v4().simple())));
    let mut file = tokio::fs::File::create(&tmp.0)
        .await
        .map_err(|_| ApiError::internal())?;
    let mut total: u64 = 0;
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::bad_request("upload_interrupted"))?;
        total += chunk.len() as u64;
        if total > max {
            return Err(too_large(max));
        }
        file.write_all(&chunk)
            .await
            .map_err(|_| ApiError::internal())?;
    }
    file.flush().await.map_err(|_| ApiError::internal())?;
    if total == 0 {
        return Err(ApiError::field("file", "file_empty"));
    }
    Ok((tmp, total))
}

pub struct Inspected {
    pub clean: TempFile,
    pub content_type: &'static str,
    pub size: u64,
    pub sha256: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

fn inspect_error(e: InspectError) -> ApiError {
    match e {
        InspectError::UnsupportedType | InspectError::ActiveContent => {
            ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, e.code())
                .detail("JPEG, PNG or PDF without active content")
        }
        InspectError::Io => ApiError::internal(),
        other => ApiError::field("file", other.code()),
    }
}

/// Sniffs, strips metadata into a second temporary file, checks photos, hashes what will be stored.
pub fn inspect(raw: &Path, is_photo: bool, max_pixels: u64) -> ApiResult<Inspected> {
    let mut head = [0u8; 16];
    let n = std::fs::File::open(raw)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|_| ApiError::internal())?;
    if sniff(&head[..n]).is_none() {
        return Err(inspect_error(InspectError::UnsupportedType));
    }
    let clean = TempFile(raw.with_extension("clean"));
    let sanitized = {
        let input = BufReader::new(std::fs::File::open(raw).map_err(|_| ApiError::internal())?);
        let output =
            BufWriter::new(std::fs::File::create(&clean.0).map_err(|_| ApiError::internal())?);
        sanitize(input, output, max_pixels).map_err(inspect_error)?
    };
    let size = std::fs::metadata(&clean.0)
        .map_err(|_| ApiError::internal())?
        .len();
    if is_photo {
        let spec = PhotoSpec {
            max_pixels: max_pixels.min(PhotoSpec::default().max_pixels),
            ..PhotoSpec::default()
        };
        let f = BufReader::new(std::fs::File::open(&clean.0).map_err(|_| ApiError::internal())?);
        let problems = check_photo(f, size, &spec);
        if !problems.is_empty() {
            let mut errors = BTreeMap::new();
            errors.insert(
                "file".to_string(),
                problems.iter().map(|p| p.code().to_string()).collect(),
            );
            let detail = problems
                .iter()
                .map(|p| format!("{p:?}"))
                .collect::<Vec<_>>()
                .join("; ");
            let mut e = ApiError::validation(errors);
            e.detail = Some(detail);
            return Err(e);
        }
    }
    let mut hasher = Sha256::new();
    let mut f = std::fs::File::open(&clean.0).map_err(|_| ApiError::internal())?;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = f.read(&mut buf).map_err(|_| ApiError::internal())?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(Inspected {
        content_type: sanitized.kind.content_type(),
        size,
        sha256: hex::encode(hasher.finalize()),
        width: sanitized.width,
        height: sanitized.height,
        clean,
    })
}
