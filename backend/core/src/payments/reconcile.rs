//! Daily reconciliation: our paid orders against the payment center's statement of the same day.

use std::collections::HashMap;

use serde::Serialize;

/// One payment as one side knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paid {
    pub order_no: String,
    pub txn_id: String,
    pub amount_fen: i64,
}

/// How one order compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// both sides agree
    Matched,
    /// paid here, not on the statement
    MissingThere,
    /// on the statement, not paid here (heal by querying the order)
    MissingHere,
    /// both sides have it with different amounts or transactions
    Mismatch,
    /// the statement lists the order more than once
    Duplicate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub order_no: String,
    pub class: Class,
    pub ours_fen: Option<i64>,
    pub theirs_fen: Option<i64>,
}

/// Compares the two lists; items come out ordered by order number.
pub fn reconcile(ours: &[Paid], theirs: &[Paid]) -> Vec<Item> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for t in theirs {
        *count.entry(t.order_no.as_str()).or_default() += 1;
    }
    let their: HashMap<&str, &Paid> = theirs.iter().map(|t| (t.order_no.as_str(), t)).collect();
    let our: HashMap<&str, &Paid> = ours.iter().map(|o| (o.order_no.as_str(), o)).collect();
    let mut out = Vec::new();
    for o in ours {
        let t = their.get(o.order_no.as_str());
        let class = match t {
            None => Class::MissingThere,
            Some(_) if count[o.order_no.as_str()] > 1 => Class::Duplicate,
            Some(t) if t.amount_fen != o.amount_fen || t.txn_id != o.txn_id => Class::Mismatch,
            Some(_) => Class::Matched,
        };
        out.push(Item {
            order_no: o.order_no.clone(),
            class,
            ours_fen: Some(o.amount_fen),
            theirs_fen: t.map(|t| t.amount_fen),
        });
    }
    let mut seen = std::collections::HashSet::new();
    for t in theirs {
        if our.contains_key(t.order_no.as_str()) || !seen.insert(t.order_no.as_str()) {
            continue;
        }
        out.push(Item {
            order_no: t.order_no.clone(),
            class: if count[t.order_no.as_str()] > 1 {
                Class::Duplicate
            } else {
                Class::MissingHere
            },
            ours_fen: None,
            theirs_fen: Some(t.amount_fen),
        });
    }
    out.sort_by(|a, b| a.order_no.cmp(&b.order_no));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(no: &str, txn: &str, fen: i64) -> Paid {
        Paid {
            order_no: no.into(),
            txn_id: txn.into(),
            amount_fen: fen,
        }
    }

    #[test]
    fn every_class_is_found() {
        let ours = [
            p("A", "t1", 100),
            p("B", "t2", 100),
            p("C", "t3", 100),
            p("E", "t5", 100),
        ];
        let theirs = [
            p("A", "t1", 100),
            p("C", "t3", 90),
            p("D", "t4", 100),
            p("E", "t5", 100),
            p("E", "t5", 100),
            p("F", "t6", 1),
            p("F", "t6", 1),
        ];
        let r: Vec<(String, Class)> = reconcile(&ours, &theirs)
            .into_iter()
            .map(|i| (i.order_no, i.class))
            .collect();
        assert_eq!(
            r,
            vec![
                ("A".into(), Class::Matched),
                ("B".into(), Class::MissingThere),
                ("C".into(), Class::Mismatch),
                ("D".into(), Class::MissingHere),
                ("E".into(), Class::Duplicate),
                ("F".into(), Class::Duplicate),
            ]
        );
    }

    #[test]
    fn a_different_transaction_is_a_mismatch_and_empty_days_are_clean() {
        let r = reconcile(&[p("A", "t1", 100)], &[p("A", "t9", 100)]);
        assert_eq!(r[0].class, Class::Mismatch);
        assert!(reconcile(&[], &[]).is_empty());
    }
}
