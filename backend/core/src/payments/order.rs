//! What a payment-center report (notification or query answer) does to one of our orders. SUCCESS is final:
//! once an order is paid nothing moves it back, and a second success for the same registration and round goes
//! to the refund queue, so money is never lost nor applied twice.

/// Our order states (`payment_orders.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    /// Created here; the center has not confirmed it yet.
    Created,
    /// The center has it; the candidate may be paying.
    Pending,
    Paid,
    /// Closed by us (retry or expiry) and confirmed closed at the center.
    Closed,
    /// Past its time; being closed at the center.
    Expired,
    Refunding,
    Refunded,
}

impl OrderStatus {
    pub fn parse(s: &str) -> Option<OrderStatus> {
        Some(match s {
            "created" => OrderStatus::Created,
            "pending" => OrderStatus::Pending,
            "paid" => OrderStatus::Paid,
            "closed" => OrderStatus::Closed,
            "expired" => OrderStatus::Expired,
            "refunding" => OrderStatus::Refunding,
            "refunded" => OrderStatus::Refunded,
            _ => return None,
        })
    }
    pub fn as_str(&self) -> &'static str {
        match self {
            OrderStatus::Created => "created",
            OrderStatus::Pending => "pending",
            OrderStatus::Paid => "paid",
            OrderStatus::Closed => "closed",
            OrderStatus::Expired => "expired",
            OrderStatus::Refunding => "refunding",
            OrderStatus::Refunded => "refunded",
        }
    }
    /// Whether the order may still become paid by a report of the center.
    pub fn is_open(&self) -> bool {
        matches!(
            self,
            OrderStatus::Created | OrderStatus::Pending | OrderStatus::Expired
        )
    }
}

/// What the center says about an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CenterStatus {
    NotPaid,
    Success { txn_id: String, amount_fen: i64 },
    Closed,
    Refunded,
}

/// The decision for one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Mark the order paid (and the registration's round paid).
    ApplyPayment,
    /// The same payment again (duplicate notification, or query after the notification): nothing changes.
    AlreadyApplied,
    /// Money arrived that we cannot apply: refund it (reason code).
    Refund(&'static str),
    /// The report contradicts the order (amount, or a different transaction): keep it for a person to look at.
    Alert(&'static str),
    /// The center closed the order (or confirms it closed): mark it closed.
    MarkClosed,
    /// Nothing to do (still unpaid, or already final).
    Nothing,
}

/// Decides what a report does. `expected_fen` is the order's amount; `other_paid` whether another order of the
/// same registration and round is already paid; `can_still_pay` whether the registration may still pay this
/// round (approved, not revoked, window not closed) — used for a success that arrives after we closed the order.
pub fn on_center_status(
    order: OrderStatus,
    paid_txn: Option<&str>,
    report: &CenterStatus,
    expected_fen: i64,
    other_paid: bool,
    can_still_pay: bool,
) -> Outcome {
    match report {
        CenterStatus::Success { txn_id, amount_fen } => {
            if *amount_fen != expected_fen {
                return Outcome::Alert("amount_mismatch");
            }
            match order {
                OrderStatus::Paid | OrderStatus::Refunding | OrderStatus::Refunded => {
                    if paid_txn == Some(txn_id.as_str()) {
                        Outcome::AlreadyApplied
                    } else {
                        Outcome::Alert("second_transaction_for_order")
                    }
                }
                _ if other_paid => Outcome::Refund("duplicate_payment"),
                OrderStatus::Created | OrderStatus::Pending => Outcome::ApplyPayment,
                OrderStatus::Expired | OrderStatus::Closed => {
                    if can_still_pay {
                        Outcome::ApplyPayment
                    } else {
                        Outcome::Refund("paid_after_close")
                    }
                }
            }
        }
        CenterStatus::Closed if order.is_open() => Outcome::MarkClosed,
        CenterStatus::Refunded if order == OrderStatus::Refunding => Outcome::Nothing,
        _ => Outcome::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus::*;

    fn success(amount: i64) -> CenterStatus {
        CenterStatus::Success {
            txn_id: "T1".into(),
            amount_fen: amount,
        }
    }

    #[test]
    fn a_success_for_an_open_order_is_applied_once() {
        assert_eq!(
            on_center_status(Pending, None, &success(100), 100, false, true),
            Outcome::ApplyPayment
        );
        assert_eq!(
            on_center_status(Created, None, &success(100), 100, false, true),
            Outcome::ApplyPayment
        );
        assert_eq!(
            on_center_status(Paid, Some("T1"), &success(100), 100, false, true),
            Outcome::AlreadyApplied
        );
        assert_eq!(
            on_center_status(Paid, Some("T0"), &success(100), 100, false, true),
            Outcome::Alert("second_transaction_for_order")
        );
    }

    #[test]
    fn a_wrong_amount_is_never_applied() {
        assert_eq!(
            on_center_status(Pending, None, &success(99), 100, false, true),
            Outcome::Alert("amount_mismatch")
        );
    }

    #[test]
    fn a_second_payment_of_the_same_round_is_refunded() {
        assert_eq!(
            on_center_status(Pending, None, &success(100), 100, true, true),
            Outcome::Refund("duplicate_payment")
        );
        assert_eq!(
            on_center_status(Closed, None, &success(100), 100, true, true),
            Outcome::Refund("duplicate_payment")
        );
    }

    #[test]
    fn a_success_after_close_is_applied_only_while_the_registration_can_pay() {
        assert_eq!(
            on_center_status(Closed, None, &success(100), 100, false, true),
            Outcome::ApplyPayment
        );
        assert_eq!(
            on_center_status(Expired, None, &success(100), 100, false, true),
            Outcome::ApplyPayment
        );
        assert_eq!(
            on_center_status(Closed, None, &success(100), 100, false, false),
            Outcome::Refund("paid_after_close")
        );
    }

    #[test]
    fn closed_and_unpaid_reports() {
        assert_eq!(
            on_center_status(Pending, None, &CenterStatus::Closed, 100, false, true),
            Outcome::MarkClosed
        );
        assert_eq!(
            on_center_status(Expired, None, &CenterStatus::Closed, 100, false, true),
            Outcome::MarkClosed
        );
        assert_eq!(
            on_center_status(Paid, Some("T1"), &CenterStatus::Closed, 100, false, true),
            Outcome::Nothing
        );
        assert_eq!(
            on_center_status(Pending, None, &CenterStatus::NotPaid, 100, false, true),
            Outcome::Nothing
        );
    }

    #[test]
    fn statuses_round_trip() {
        for s in [Created, Pending, Paid, Closed, Expired, Refunding, Refunded] {
            assert_eq!(OrderStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(OrderStatus::parse("nope"), None);
    }
}
