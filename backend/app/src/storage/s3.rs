//! S3 object store through rust-s3 (path-style addressing, so SeaweedFS and MinIO work as they are).

use std::path::Path;

use futures_util::future::BoxFuture;
use futures_util::StreamExt;
use s3::creds::Credentials;
use s3::{Bucket, Region};

use super::{valid_key, ByteStream, ObjectStore, StoreError};

pub struct S3Store {
    bucket: Box<Bucket>,
}

impl S3Store {
    pub fn new(
        endpoint: &str,
        region: &str,
        bucket: &str,
        access_key: &str,
        secret_key: &str,
    ) -> Result<S3Store, String> {
        let creds = Credentials::new(Some(access_key), Some(secret_key), None, None, None)
            .map_err(|e| e.to_string())?;
        let region = Region::Custom {
            region: region.to_string(),
            endpoint: endpoint.trim_end_matches('/').to_string(),
        };
        let bucket = Bucket::new(bucket, region, creds)
            .map_err(|e| e.to_string())?
            .with_path_style();
        Ok(S3Store { bucket })
    }
}

fn backend(e: s3::error::S3Error) -> StoreError {
    match &e {
        s3::error::S3Error::HttpFailWithBody(404, _) => StoreError::NotFound,
        _ => StoreError::Backend(e.to_string()),
    }
}

impl ObjectStore for S3Store {
    fn name(&self) -> &'static str {
        "s3"
    }

    fn put_file<'a>(
        &'a self,
        key: &'a str,
        path: &'a Path,
        content_type: &'a str,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            if !valid_key(key) {
                return Err(StoreError::Backend(format!("invalid key {key:?}")));
            }
            let mut file = tokio::fs::File::open(path)
                .await
                .map_err(|e| StoreError::Backend(e.to_string()))?;
            self.bucket
                .put_object_stream_with_content_type(&mut file, key, content_type)
                .await
                .map_err(backend)?;
            Ok(())
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<ByteStream, StoreError>> {
        Box::pin(async move {
            let res = self.bucket.get_object_stream(key).await.map_err(backend)?;
            let stream = res
                .bytes
                .map(|item| item.map_err(|e| std::io::Error::other(e.to_string())));
            Ok(Box::pin(stream) as ByteStream)
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            match self.bucket.delete_object(key).await {
                Ok(_) => Ok(()),
                Err(e) => match backend(e) {
                    StoreError::NotFound => Ok(()),
                    other => Err(other),
                },
            }
        })
    }

    fn exists<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<bool, StoreError>> {
        Box::pin(async move {
            match self.bucket.head_object(key).await {
                Ok(_) => Ok(true),
                Err(e) => match backend(e) {
                    StoreError::NotFound => Ok(false),
                    other => Err(other),
                },
            }
        })
    }
}
