//! Filesystem object store: objects are files under a root directory; writes go to a temporary name and
//! are renamed into place, so a crash never leaves a half-written object.

use std::path::{Path, PathBuf};

use bytes::Bytes;
use futures_util::future::BoxFuture;
use tokio::io::AsyncReadExt;

use super::{valid_key, ByteStream, ObjectStore, StoreError};

pub struct FsStore {
    root: PathBuf,
}

impl FsStore {
    pub fn new(root: PathBuf) -> FsStore {
        FsStore { root }
    }

    fn path(&self, key: &str) -> Result<PathBuf, StoreError> {
        if !valid_key(key) {
            return Err(StoreError::Backend(format!("invalid key {key:?}")));
        }
        Ok(self.root.join(key))
    }
}

fn io(e: std::io::Error) -> StoreError {
    if e.kind() == std::io::ErrorKind::NotFound {
        StoreError::NotFound
    } else {
        StoreError::Backend(e.to_string())
    }
}

impl ObjectStore for FsStore {
    fn name(&self) -> &'static str {
        "fs"
    }

    fn put_file<'a>(
        &'a self,
        key: &'a str,
        path: &'a Path,
        _content_type: &'a str,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let dest = self.path(key)?;
            if let Some(dir) = dest.parent() {
                tokio::fs::create_dir_all(dir).await.map_err(io)?;
            }
            let tmp = dest.with_extension(format!("part-{}", uuid::Uuid::new_v4().simple()));
            tokio::fs::copy(path, &tmp).await.map_err(io)?;
            tokio::fs::rename(&tmp, &dest).await.map_err(io)?;
            Ok(())
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<ByteStream, StoreError>> {
        Box::pin(async move {
            let file = tokio::fs::File::open(self.path(key)?).await.map_err(io)?;
            let stream = futures_util::stream::unfold(Some(file), |state| async move {
                let mut file = state?;
                let mut buf = vec![0u8; 64 * 1024];
                match file.read(&mut buf).await {
                    Ok(0) => None,
                    Ok(n) => {
                        buf.truncate(n);
                        Some((Ok(Bytes::from(buf)), Some(file)))
                    }
                    Err(e) => Some((Err(e), None)),
                }
            });
            Ok(Box::pin(stream) as ByteStream)
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            match tokio::fs::remove_file(self.path(key)?).await {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(io(e)),
            }
        })
    }

    fn exists<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<bool, StoreError>> {
        Box::pin(async move { Ok(tokio::fs::try_exists(self.path(key)?).await.map_err(io)?) })
    }
}
