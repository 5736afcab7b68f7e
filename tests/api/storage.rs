//! One contract suite for every object store: the filesystem store and S3 (a real SeaweedFS started by
//! scripts/services.sh). A missing SeaweedFS fails the suite.

use std::sync::Arc;

use futures_util::StreamExt;
use weikao_app::storage::{fs::FsStore, s3::S3Store, ObjectStore, StoreError};

pub fn s3_store() -> Arc<dyn ObjectStore> {
    let endpoint =
        std::env::var("WEIKAO_S3_ENDPOINT").unwrap_or_else(|_| "http://127.0.0.1:8333".into());
    let bucket = std::env::var("WEIKAO_S3_BUCKET").unwrap_or_else(|_| "weikao".into());
    let ak = std::env::var("WEIKAO_S3_ACCESS_KEY").unwrap_or_else(|_| "weikao".into());
    let sk = std::env::var("WEIKAO_S3_SECRET_KEY").unwrap_or_else(|_| "weikao-secret".into());
    Arc::new(S3Store::new(&endpoint, "us-east-1", &bucket, &ak, &sk).expect("s3 store"))
}

async fn read_all(store: &dyn ObjectStore, key: &str) -> Result<Vec<u8>, StoreError> {
    let mut s = store.get(key).await?;
    let mut out = Vec::new();
    while let Some(chunk) = s.next().await {
        out.extend_from_slice(&chunk.map_err(|e| StoreError::Backend(e.to_string()))?);
    }
    Ok(out)
}

async fn contract(store: Arc<dyn ObjectStore>) {
    let dir = std::env::temp_dir().join(format!("weikao-store-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    // larger than one read chunk, with every byte value
    let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let file = dir.join("obj.bin");
    std::fs::write(&file, &data).unwrap();
    let key = format!("contract/{}/obj.bin", uuid::Uuid::new_v4().simple());

    assert!(
        !store.exists(&key).await.unwrap(),
        "{}: absent before put",
        store.name()
    );
    assert!(
        matches!(
            read_all(store.as_ref(), &key).await,
            Err(StoreError::NotFound)
        ),
        "{}: get of a missing key",
        store.name()
    );
    store
        .put_file(&key, &file, "application/octet-stream")
        .await
        .unwrap();
    assert!(store.exists(&key).await.unwrap());
    assert_eq!(
        read_all(store.as_ref(), &key).await.unwrap(),
        data,
        "{}: round trip",
        store.name()
    );
    // overwrite replaces
    std::fs::write(&file, b"second version").unwrap();
    store.put_file(&key, &file, "text/plain").await.unwrap();
    assert_eq!(
        read_all(store.as_ref(), &key).await.unwrap(),
        b"second version"
    );
    store.delete(&key).await.unwrap();
    assert!(!store.exists(&key).await.unwrap());
    store
        .delete(&key)
        .await
        .expect("deleting a missing object is not an error");
    // keys that try to escape are refused
    assert!(store
        .put_file("../escape", &file, "text/plain")
        .await
        .is_err());
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn filesystem_store_meets_the_contract() {
    let root = std::env::temp_dir().join(format!("weikao-fs-{}", uuid::Uuid::new_v4().simple()));
    contract(Arc::new(FsStore::new(root.clone()))).await;
    let _ = std::fs::remove_dir_all(root);
}

#[tokio::test]
async fn s3_store_meets_the_contract() {
    contract(s3_store()).await;
}
