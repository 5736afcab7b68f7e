//! Signatures of the payment-center protocol (docs/payment-protocol.md): HMAC-SHA256 over the canonical
//! parameter string, uppercase hex. The canonical string sorts the parameters by name (bytewise), drops `sign`
//! and empty values, and joins `name=value` pairs with `&`.

use std::collections::BTreeMap;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The canonical string of a parameter set.
pub fn canonical(params: &BTreeMap<String, String>) -> String {
    params
        .iter()
        .filter(|(k, v)| k.as_str() != "sign" && !v.is_empty())
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// The signature of a parameter set under a merchant secret.
pub fn sign(params: &BTreeMap<String, String>, secret: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(canonical(params).as_bytes());
    hex_upper(&mac.finalize().into_bytes())
}

/// Whether `params["sign"]` is the signature of the other parameters (constant-time comparison).
pub fn verify(params: &BTreeMap<String, String>, secret: &str) -> bool {
    let Some(given) = params.get("sign") else {
        return false;
    };
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(canonical(params).as_bytes());
    match decode_hex(given) {
        Some(bytes) => mac.verify_slice(&bytes).is_ok(),
        None => false,
    }
}

fn hex_upper(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// The fixed vector published in docs/payment-protocol.md; the sandbox's tests check the same one.
    #[test]
    fn published_test_vector() {
        let p = params(&[
            ("merchant_id", "M10001"),
            ("order_no", "WK20270301000001"),
            ("amount_fen", "28000"),
            ("nonce", "n0nce"),
            ("subject", ""),
            ("sign", "ignored"),
        ]);
        assert_eq!(
            canonical(&p),
            "amount_fen=28000&merchant_id=M10001&nonce=n0nce&order_no=WK20270301000001"
        );
        // computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'test-secret', b'<canonical>', hashlib.sha256).hexdigest().upper())"
        assert_eq!(
            sign(&p, "test-secret"),
            "F6876E143E0FEBD7042B9D7A7D116159B22D9BE7E745C69FAED84B52AB4B6443"
        );
    }

    #[test]
    fn verification_accepts_the_signature_and_refuses_any_change() {
        let mut p = params(&[
            ("merchant_id", "M1"),
            ("order_no", "O1"),
            ("amount_fen", "100"),
            ("nonce", "x"),
        ]);
        let s = sign(&p, "k");
        p.insert("sign".into(), s.clone());
        assert!(verify(&p, "k"));
        assert!(!verify(&p, "other"));
        p.insert("sign".into(), s.to_lowercase());
        assert!(verify(&p, "k"), "hex case does not matter");
        p.insert("amount_fen".into(), "1".into());
        assert!(!verify(&p, "k"));
        p.remove("sign");
        assert!(!verify(&p, "k"));
        p.insert("sign".into(), "zz".into());
        assert!(!verify(&p, "k"));
    }
}
