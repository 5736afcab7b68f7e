//! Change-feed positions. A position is the (transaction, registration) pair of the last item a reader saw;
//! it travels as an opaque `cursor` string `<xid>-<uuid>`.

use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub xid: i64,
    pub id: Uuid,
}

impl Position {
    pub fn encode(&self) -> String {
        format!("{}-{}", self.xid, self.id.simple())
    }

    /// `None` for anything that is not a cursor this API issued.
    pub fn decode(s: &str) -> Option<Position> {
        let (xid, id) = s.split_once('-')?;
        if xid.is_empty() || xid.len() > 20 || !xid.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let id = Uuid::try_parse(id).ok().filter(|_| id.len() == 32)?;
        Some(Position {
            xid: xid.parse().ok()?,
            id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips() {
        let p = Position {
            xid: 7_340_032,
            id: Uuid::from_u128(0x1234),
        };
        assert_eq!(Position::decode(&p.encode()), Some(p));
    }

    #[test]
    fn foreign_cursors_are_refused() {
        for bad in [
            "",
            "12",
            "-00000000000000000000000000001234",
            "x1-00000000000000000000000000001234",
            "1-1234",
            "1-00000000-0000-0000-0000-000000001234",
            "99999999999999999999999-00000000000000000000000000001234",
        ] {
            assert_eq!(Position::decode(bad), None, "{bad}");
        }
    }
}
