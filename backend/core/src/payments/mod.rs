//! Payment rules (domain.md §8): the payment-center signature, the status-polling schedule, and what a
//! notification or query result does to an order. Amounts are integer fen, computed by the caller from the fee
//! table; nothing here trusts the client.
pub mod order;
pub mod reconcile;
pub mod rounds;
pub mod schedule;
pub mod sign;

pub use order::{on_center_status, CenterStatus, OrderStatus, Outcome};
pub use schedule::next_poll_delay;
pub use sign::{canonical, sign, verify};
