//! What the database inspection reads: PostgreSQL's statistics views of the current database and, when the
//! server loads it, `pg_stat_statements`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Bool, Double, Integer, Nullable, Text, Timestamptz};
use weikao_core::ops::dbinspect::{
    redact_query, IndexUse, LockWait, OpenTransaction, Snapshot, Statement, TableUse,
};

#[derive(QueryableByName)]
struct DbRow {
    #[diesel(sql_type = BigInt)]
    bytes: i64,
    #[diesel(sql_type = BigInt)]
    commits: i64,
    #[diesel(sql_type = BigInt)]
    rollbacks: i64,
    #[diesel(sql_type = BigInt)]
    hit: i64,
    #[diesel(sql_type = BigInt)]
    read: i64,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    stats_reset: Option<DateTime<Utc>>,
}

#[derive(QueryableByName)]
struct ConnRow {
    #[diesel(sql_type = BigInt)]
    total: i64,
    #[diesel(sql_type = BigInt)]
    active: i64,
    #[diesel(sql_type = BigInt)]
    idle_tx: i64,
    #[diesel(sql_type = BigInt)]
    max: i64,
}

#[derive(QueryableByName)]
struct TableRow {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = BigInt)]
    live: i64,
    #[diesel(sql_type = BigInt)]
    dead: i64,
    #[diesel(sql_type = BigInt)]
    seq_scan: i64,
    #[diesel(sql_type = BigInt)]
    seq_tup_read: i64,
    #[diesel(sql_type = BigInt)]
    idx_scan: i64,
    #[diesel(sql_type = BigInt)]
    bytes: i64,
}

#[derive(QueryableByName)]
struct IndexRow {
    #[diesel(sql_type = Text)]
    table: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = BigInt)]
    scans: i64,
    #[diesel(sql_type = BigInt)]
    bytes: i64,
    #[diesel(sql_type = Bool)]
    is_unique: bool,
}

#[derive(QueryableByName)]
struct TxRow {
    #[diesel(sql_type = Integer)]
    pid: i32,
    #[diesel(sql_type = Text)]
    state: String,
    #[diesel(sql_type = Double)]
    seconds: f64,
    #[diesel(sql_type = Text)]
    query: String,
}

#[derive(QueryableByName)]
struct WaitRow {
    #[diesel(sql_type = Integer)]
    pid: i32,
    #[diesel(sql_type = Array<Integer>)]
    blocked_by: Vec<i32>,
    #[diesel(sql_type = Double)]
    seconds: f64,
    #[diesel(sql_type = Text)]
    query: String,
}

#[derive(QueryableByName)]
struct StatementRow {
    #[diesel(sql_type = Text)]
    query: String,
    #[diesel(sql_type = BigInt)]
    calls: i64,
    #[diesel(sql_type = Double)]
    total_ms: f64,
    #[diesel(sql_type = Double)]
    mean_ms: f64,
    #[diesel(sql_type = BigInt)]
    rows: i64,
}

#[derive(QueryableByName)]
struct Flags {
    #[diesel(sql_type = Bool)]
    preloaded: bool,
    #[diesel(sql_type = Bool)]
    created: bool,
}

/// The statements of this database: the 25 with the most total time and the 25 slowest on average (called
/// at least 3 times), or why they cannot be read. Creates the extension when the server loads it but the
/// database lacks it (which needs the right to create extensions).
fn statements(conn: &mut PgConnection) -> (Option<Vec<Statement>>, String) {
    let flags: Flags = match diesel::sql_query(
        "SELECT 'pg_stat_statements' = ANY (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',')) AS preloaded, \
                EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS created",
    )
    .get_result(conn)
    {
        Ok(f) => f,
        Err(e) => return (None, e.to_string()),
    };
    if !flags.preloaded {
        return (
            None,
            "the server's shared_preload_libraries does not load it".into(),
        );
    }
    if !flags.created {
        if let Err(e) =
            diesel::sql_query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").execute(conn)
        {
            return (
                None,
                format!(
                    "the extension is not created in this database and creating it failed: {e}"
                ),
            );
        }
    }
    let rows: QueryResult<Vec<StatementRow>> = diesel::sql_query(
        "WITH s AS (
             SELECT query, calls, total_exec_time, mean_exec_time, rows
               FROM pg_stat_statements
              WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         )
         SELECT left(query, 2000) AS query, calls::bigint AS calls, total_exec_time::float8 AS total_ms,
                mean_exec_time::float8 AS mean_ms, rows::bigint AS rows
           FROM ((SELECT * FROM s ORDER BY total_exec_time DESC LIMIT 25)
                 UNION
                 (SELECT * FROM s WHERE calls >= 3 ORDER BY mean_exec_time DESC LIMIT 25)) u
          ORDER BY total_ms DESC",
    )
    .load(conn);
    match rows {
        Ok(rows) => (
            Some(
                rows.into_iter()
                    .map(|r| Statement {
                        query: r.query,
                        calls: r.calls,
                        total_ms: r.total_ms,
                        mean_ms: r.mean_ms,
                        rows: r.rows,
                    })
                    .collect(),
            ),
            String::new(),
        ),
        Err(e) => (None, e.to_string()),
    }
}

/// One snapshot of the statistics, taken outside any transaction of the caller. Query texts of sessions
/// are redacted (literals may carry personal data); `pg_stat_statements` texts are normalised already.
pub fn snapshot(conn: &mut PgConnection, at: DateTime<Utc>) -> QueryResult<Snapshot> {
    let db: DbRow = diesel::sql_query(
        "SELECT pg_database_size(current_database())::bigint AS bytes, xact_commit::bigint AS commits,
                xact_rollback::bigint AS rollbacks, blks_hit::bigint AS hit, blks_read::bigint AS read,
                stats_reset
           FROM pg_stat_database WHERE datname = current_database()",
    )
    .get_result(conn)?;
    let cons: ConnRow = diesel::sql_query(
        "SELECT count(*)::bigint AS total,
                count(*) FILTER (WHERE state = 'active')::bigint AS active,
                count(*) FILTER (WHERE state LIKE 'idle in transaction%')::bigint AS idle_tx,
                current_setting('max_connections')::bigint AS max
           FROM pg_stat_activity WHERE backend_type = 'client backend'",
    )
    .get_result(conn)?;
    let tables: Vec<TableRow> = diesel::sql_query(
        "SELECT relname::text AS name, n_live_tup::bigint AS live, n_dead_tup::bigint AS dead,
                coalesce(seq_scan, 0)::bigint AS seq_scan, coalesce(seq_tup_read, 0)::bigint AS seq_tup_read,
                coalesce(idx_scan, 0)::bigint AS idx_scan, pg_total_relation_size(relid)::bigint AS bytes
           FROM pg_stat_user_tables WHERE schemaname = 'public' ORDER BY relname",
    )
    .load(conn)?;
    let indexes: Vec<IndexRow> = diesel::sql_query(
        "SELECT s.relname::text AS table, s.indexrelname::text AS name, coalesce(s.idx_scan, 0)::bigint AS scans,
                pg_relation_size(s.indexrelid)::bigint AS bytes, (i.indisunique OR i.indisprimary) AS is_unique
           FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
          WHERE s.schemaname = 'public' ORDER BY s.indexrelname",
    )
    .load(conn)?;
    let transactions: Vec<TxRow> = diesel::sql_query(
        "SELECT pid, coalesce(state, '') AS state,
                extract(epoch FROM clock_timestamp() - xact_start)::float8 AS seconds,
                coalesce(query, '') AS query
           FROM pg_stat_activity
          WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid() AND datname = current_database()
            AND backend_type = 'client backend'
          ORDER BY xact_start LIMIT 20",
    )
    .load(conn)?;
    let waits: Vec<WaitRow> = diesel::sql_query(
        "SELECT pid, pg_blocking_pids(pid) AS blocked_by,
                extract(epoch FROM clock_timestamp() - coalesce(query_start, clock_timestamp()))::float8 AS seconds,
                coalesce(query, '') AS query
           FROM pg_stat_activity
          WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0
          ORDER BY query_start LIMIT 50",
    )
    .load(conn)?;
    let (statements, statements_note) = statements(conn);
    Ok(Snapshot {
        at,
        stats_reset: db.stats_reset,
        database_bytes: db.bytes,
        commits: db.commits,
        rollbacks: db.rollbacks,
        blocks_hit: db.hit,
        blocks_read: db.read,
        connections: cons.total,
        active_connections: cons.active,
        idle_in_transaction: cons.idle_tx,
        max_connections: cons.max,
        statements,
        statements_note,
        tables: tables
            .into_iter()
            .map(|t| TableUse {
                name: t.name,
                live: t.live,
                dead: t.dead,
                seq_scan: t.seq_scan,
                seq_tup_read: t.seq_tup_read,
                idx_scan: t.idx_scan,
                bytes: t.bytes,
            })
            .collect(),
        indexes: indexes
            .into_iter()
            .map(|i| IndexUse {
                table: i.table,
                name: i.name,
                scans: i.scans,
                bytes: i.bytes,
                unique: i.is_unique,
            })
            .collect(),
        transactions: transactions
            .into_iter()
            .map(|t| OpenTransaction {
                pid: t.pid,
                state: t.state,
                seconds: t.seconds,
                query: redact_query(&t.query),
            })
            .collect(),
        lock_waits: waits
            .into_iter()
            .map(|w| LockWait {
                pid: w.pid,
                blocked_by: w.blocked_by,
                seconds: w.seconds,
                query: redact_query(&w.query),
            })
            .collect(),
    })
}
