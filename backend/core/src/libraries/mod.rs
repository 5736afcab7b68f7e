//! Reference libraries: what each holds ([`spec`]) and how import-file cells become rows ([`rows`]).
pub mod rows;
pub mod spec;

pub use rows::{file_columns, map_headers, parse_row, Cell, HeaderMap, LibraryRow, RowError};
pub use spec::{library, ColType, ColumnSpec, Expiry, LibrarySpec, LIBRARIES};
