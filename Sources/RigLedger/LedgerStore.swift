public import Foundation
public import RigEngine

/// Where ``LedgerWriter`` commits records and a rig reads its totals back: the SQLite file
/// (RigLedgerSQLite's `Ledger`), or a test's double.
///
/// Implementation requirements: `write(_:)` commits all the records or none (one transaction)
/// and throws when it cannot; it is called from the writer's thread only, one call at a time.
/// `checkpoint()` makes the store whole in its main file (a clean stop). `totals(now:)` counts
/// only what is committed.
public protocol LedgerStore: Sendable {
    /// The file in use, as the user named it.
    var path: String { get }
    /// Commits `records` in one transaction.
    func write(_ records: [LedgerRecord]) throws
    /// Folds what is pending (a write-ahead log) into the store's main file.
    func checkpoint() throws
    /// Today's (local to `now`) and lifetime totals.
    func totals(now: Date) throws -> LedgerTotals
}
