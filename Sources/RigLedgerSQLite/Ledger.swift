public import Foundation
import GRDB
import RigInput
public import RigEngine
public import RigLedger

/// The income ledger: an SQLite database in WAL mode holding every share, block candidate,
/// per-minute row and coin switch.
///
/// Durability: WAL with `synchronous = NORMAL` makes every committed transaction survive a
/// process crash (`kill -9`) — only an OS crash or power loss can lose the last commits — and
/// SQLite never leaves a torn database behind. ``LedgerWriter`` commits at least once a second,
/// so a crash loses at most the last second of records.
public final class Ledger: LedgerStore {
    /// The file in use.
    public let path: String
    /// A `DatabasePool` (WAL) for mining, or a read-only `DatabaseQueue` for reports.
    private let database: any DatabaseWriter

    /// `$XDG_DATA_HOME/rigtop/ledger.sqlite`, else `~/.local/share/rigtop/ledger.sqlite` (XDG base directories).
    public static func defaultPath(environment: [String: String]) -> String {
        if let base = environment["XDG_DATA_HOME"], !base.isEmpty { return base + "/rigtop/ledger.sqlite" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/rigtop/ledger.sqlite"
    }

    /// Opens the ledger at `path` for recording: creates the folder and the schema if needed, and
    /// refuses (``LedgerFileError``), before changing anything, a database that is not rigtop's or
    /// that a newer rigtop has migrated.
    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        if FileManager.default.fileExists(atPath: path) {
            try Self.checkOwnership(path: path, migrations: Self.migrator.migrations)
        }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // NORMAL in WAL mode: durable across process crashes, fsync only at checkpoints.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        configuration.busyMode = .timeout(5)
        database = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(database)
    }

    /// Opens the ledger at `path` for reports only: read-only, no schema, no journal change, so
    /// pointing a report at any file never alters it. A file that is not a rigtop ledger is refused.
    public init(readingAt path: String) throws {
        self.path = path
        try Self.checkOwnership(path: path, migrations: Self.migrator.migrations, reading: true)
        database = try DatabaseQueue(path: path, configuration: Self.readOnly)
    }

    private static var readOnly: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return configuration
    }

    /// Throws unless the database at `path` is empty or a rigtop ledger whose migrations this
    /// rigtop knows (a report also reads a newer rigtop's ledger). Reads only.
    static func checkOwnership(path: String, migrations known: [String], reading: Bool = false) throws {
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: path, configuration: readOnly) } catch {
            throw LedgerFileError.unreadable(path: path, reason: "\(error)")
        }
        let (tables, applied, applicationID): ([String], [String]?, Int32) = try queue.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
            let applied = tables.contains("grdb_migrations")
                ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations WHERE typeof(identifier) = 'text'")
                : nil
            return (tables, applied, (try Int32.fetchOne(db, sql: "PRAGMA application_id")) ?? 0)
        }
        if tables.isEmpty { return }
        let ours: Set<String> = ["share", "block_candidate", "minute", "coin_switch", "block", "grdb_migrations"]
        guard let applied, applied.contains("v1"), Set(tables).isSubset(of: ours), applicationID == 0 else {
            throw LedgerFileError.foreign(path: path, owner: Self.owner(tables: tables, applicationID: applicationID))
        }
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty, !reading {
            throw LedgerFileError.newer(path: path, migrations: unknown)
        }
    }

    /// A guess at whose database holds `tables`, for the refusal.
    static func owner(tables: [String], applicationID: Int32) -> String {
        let shown = tables.prefix(6).map { OutsideText.escaped($0) }.joined(separator: ", ")
            + (tables.count > 6 ? ", … (\(tables.count) tables)" : "")
        if applicationID != 0 { return "application id \(applicationID), tables \(shown)" }
        if tables.contains(where: { $0.hasPrefix("moz_") }) { return "Firefox's (tables \(shown))" }
        if tables.contains("urls"), tables.contains("visits") { return "a Chromium browser's history (tables \(shown))" }
        return "another application's (tables \(shown))"
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE share (
                    id INTEGER PRIMARY KEY, time REAL NOT NULL, coin TEXT NOT NULL, pool TEXT NOT NULL,
                    job TEXT NOT NULL, difficulty REAL NOT NULL, result TEXT NOT NULL,
                    expected_coins REAL NOT NULL, price REAL NOT NULL, currency TEXT NOT NULL);
                CREATE INDEX share_time ON share(time);
                CREATE TABLE block_candidate (
                    id INTEGER PRIMARY KEY, time REAL NOT NULL, coin TEXT NOT NULL, pool TEXT NOT NULL,
                    job TEXT NOT NULL, hash_difficulty REAL NOT NULL, network_difficulty REAL NOT NULL);
                CREATE TABLE minute (
                    id INTEGER PRIMARY KEY, minute REAL NOT NULL, coin TEXT NOT NULL, hashrate REAL NOT NULL,
                    watts REAL, watts_measured INTEGER NOT NULL, seconds REAL NOT NULL, temperature_peak REAL,
                    electricity_price REAL NOT NULL, currency TEXT NOT NULL);
                CREATE INDEX minute_minute ON minute(minute);
                CREATE TABLE coin_switch (
                    id INTEGER PRIMARY KEY, time REAL NOT NULL, from_coin TEXT, to_coin TEXT NOT NULL);
                """)
        }
        migrator.registerMigration("v2: solo blocks") { db in
            try db.execute(sql: """
                CREATE TABLE block (
                    id INTEGER PRIMARY KEY, time REAL NOT NULL, coin TEXT NOT NULL, node TEXT NOT NULL,
                    height INTEGER NOT NULL, hash TEXT NOT NULL, reward REAL NOT NULL, result TEXT NOT NULL, reason TEXT);
                """)
        }
        return migrator
    }

    /// Writes `records` in one transaction: all of them or, after a crash, none.
    public func write(_ records: [LedgerRecord]) throws {
        guard !records.isEmpty else { return }
        try database.write { db in
            for record in records {
                switch record {
                case .share(let s):
                    try db.execute(sql: """
                        INSERT INTO share (time, coin, pool, job, difficulty, result, expected_coins, price, currency)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [s.time, s.coin, s.pool, s.job, s.difficulty, s.result, s.expectedCoins,
                                         s.price, s.currency])
                case .blockCandidate(let b):
                    try db.execute(sql: """
                        INSERT INTO block_candidate (time, coin, pool, job, hash_difficulty, network_difficulty)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [b.time, b.coin, b.pool, b.job, b.hashDifficulty, b.networkDifficulty])
                case .block(let b):
                    try db.execute(sql: """
                        INSERT INTO block (time, coin, node, height, hash, reward, result, reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [b.time, b.coin, b.node, b.height, b.hash, b.reward, b.result, b.reason])
                case .minute(let m):
                    try db.execute(sql: """
                        INSERT INTO minute (minute, coin, hashrate, watts, watts_measured, seconds, temperature_peak,
                                            electricity_price, currency)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [m.minute, m.coin, m.hashrate, m.watts, m.wattsMeasured, m.seconds,
                                         m.temperaturePeak, m.electricityPrice, m.currency])
                case .coinSwitch(let c):
                    try db.execute(sql: "INSERT INTO coin_switch (time, from_coin, to_coin) VALUES (?, ?, ?)",
                                   arguments: [c.time, c.from, c.to])
                }
            }
        }
    }

    /// Folds the write-ahead log into the database file and empties it.
    public func checkpoint() throws {
        try database.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    /// Caps the database at `pages` pages on the writing connection, so that tests can make
    /// commits fail as on a full disk (SQLITE_FULL).
    func limitPages(_ pages: Int) throws {
        try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = \(pages)") }
    }

    /// Row counts per table, for tests and `rigtop ledger --summary`-style checks.
    public func counts() throws -> (shares: Int, blockCandidates: Int, minutes: Int, coinSwitches: Int) {
        try database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM share") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM block_candidate") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM minute") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM coin_switch") ?? 0)
        }
    }

    /// Every solo block that passes ``LedgerRowCheck``, oldest first.
    public func blocks() throws -> [BlockRecord] {
        try income().blocks.map(\.record)
    }

    /// The solo blocks since `from` (unix seconds) that pass ``LedgerRowCheck``, oldest first;
    /// decoding never traps (``GRDB/Row/lenient(_:)``).
    static func blocks(_ db: Database, from: Double) throws -> [LedgerBlock] {
        try Row.fetchAll(db, sql: """
            SELECT datetime(time, 'unixepoch', 'localtime') AS local_time, * FROM block
            WHERE time >= ? AND \(LedgerRowCheck.passes(LedgerRowCheck.block)) ORDER BY time, id
            """, arguments: [from]).compactMap { row in
            guard let localTime: String = row.lenient("local_time"), let time: Double = row.lenient("time"),
                  let coin: String = row.lenient("coin"), let node: String = row.lenient("node"),
                  let height: Int = row.lenient("height"), let hash: String = row.lenient("hash"),
                  let reward: Double = row.lenient("reward"), let result: String = row.lenient("result") else { return nil }
            return LedgerBlock(localTime: localTime, record: BlockRecord(
                time: time, coin: coin, node: node, height: height, hash: hash, reward: reward, result: result,
                reason: row.lenient("reason")))
        }
    }

    /// Every share that passes ``LedgerRowCheck``, oldest first; the others (a blob where a number
    /// belongs, a time after 9999) are left out, as ``income(since:)`` leaves them out and names them.
    public func shares() throws -> [ShareRecord] {
        try database.read { db in
            let sql = "SELECT * FROM share WHERE \(LedgerRowCheck.passes(LedgerRowCheck.share)) ORDER BY id"
            return try Row.fetchAll(db, sql: sql).compactMap { row in
                guard let time: Double = row.lenient("time"), let coin: String = row.lenient("coin"),
                      let pool: String = row.lenient("pool"), let job: String = row.lenient("job"),
                      let difficulty: Double = row.lenient("difficulty"), let result: String = row.lenient("result"),
                      let expectedCoins: Double = row.lenient("expected_coins"), let price: Double = row.lenient("price"),
                      let currency: String = row.lenient("currency") else { return nil }
                return ShareRecord(time: time, coin: coin, pool: pool, job: job, difficulty: difficulty, result: result,
                                   expectedCoins: expectedCoins, price: price, currency: currency)
            }
        }
    }

    /// Runs SQLite's integrity check; "ok" for a sound file.
    public func integrityCheck() throws -> String {
        try database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    /// Per-day income records since `since` (unix seconds, local days), oldest first, one per day and coin.
    public func dailyIncome(since: Double? = nil) throws -> [DailyIncome] {
        try income(since: since).days
    }

    /// Bad rows named at most in an ``LedgerIncome``; the rest are counted.
    public static let badRowsNamed = 20

    /// Per-day income and the solo blocks found since `since` (unix seconds, local days) from the
    /// rows that pass ``LedgerRowCheck``, and the rows that do not: counted, the first ones named.
    public func income(since: Double? = nil) throws -> LedgerIncome {
        let from = since ?? 0
        return try database.read { db in
            var income = LedgerIncome()
            var days: [String: DailyIncome] = [:]
            // TOTAL, not SUM: a float that cannot overflow, where SUM of integers can throw.
            let shareRows = try Row.fetchAll(db, sql: """
                SELECT date(time, 'unixepoch', 'localtime') AS day, coin, currency,
                       COUNT(*) AS accepted, TOTAL(expected_coins) AS coins, TOTAL(expected_coins * price) AS value
                FROM share WHERE result = 'accepted' AND time >= ? AND \(LedgerRowCheck.passes(LedgerRowCheck.share))
                GROUP BY day, coin, currency
                """, arguments: [from])
            // Adds one aggregate row to its day and coin; decoding never traps (`as T?`).
            func add(_ row: Row, _ update: (inout DailyIncome) -> Void) {
                guard let day: String = row.lenient("day"), let coin: String = row.lenient("coin"),
                      let currency: String = row.lenient("currency") else { return }
                update(&days["\(day)|\(coin)", default: DailyIncome(date: day, coin: coin, currency: currency)])
            }
            for row in shareRows {
                add(row) { entry in
                    entry.acceptedShares += (row.lenient("accepted") as Int?) ?? 0
                    entry.expectedCoins += (row.lenient("coins") as Double?) ?? 0
                    entry.value += (row.lenient("value") as Double?) ?? 0
                }
            }
            let minuteRows = try Row.fetchAll(db, sql: """
                SELECT date(minute, 'unixepoch', 'localtime') AS day, coin, currency,
                       TOTAL(COALESCE(watts, 0) * seconds) / 3600000.0 AS kwh,
                       TOTAL(COALESCE(watts, 0) * seconds / 3600000.0 * electricity_price) AS cost
                FROM minute WHERE minute >= ? AND \(LedgerRowCheck.passes(LedgerRowCheck.minute))
                GROUP BY day, coin, currency
                """, arguments: [from - 60])
            for row in minuteRows {
                add(row) { entry in
                    entry.kilowattHours += (row.lenient("kwh") as Double?) ?? 0
                    entry.electricityCost += (row.lenient("cost") as Double?) ?? 0
                }
            }
            income.days = days.values.sorted { ($0.date, $0.coin) < ($1.date, $1.coin) }
            // A ledger written before solo mining (migration v1 only) has no block table; a
            // report opens it read-only and cannot add one.
            let hasBlocks = try db.tableExists("block")
            income.blocks = hasBlocks ? try Self.blocks(db, from: from) : []
            for (table, checks) in [("share", LedgerRowCheck.share), ("minute", LedgerRowCheck.minute),
                                    ("block", LedgerRowCheck.block)] where table != "block" || hasBlocks {
                income.badRowCount += try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(LedgerRowCheck.fails(checks))") ?? 0
                let named = Self.badRowsNamed - income.badRows.count
                guard named > 0 else { continue }
                for row in try Row.fetchAll(db, sql: """
                    SELECT rowid AS id, \(LedgerRowCheck.firstProblem(checks)) AS problem FROM \(table)
                    WHERE \(LedgerRowCheck.fails(checks)) ORDER BY rowid LIMIT \(named)
                    """) {
                    income.badRows.append(LedgerBadRow(table: table, id: (row.lenient("id") as Int64?) ?? 0,
                                                       problem: (row.lenient("problem") as String?) ?? "unreadable"))
                }
            }
            return income
        }
    }

    /// Today's (local) and lifetime totals, for the dashboard.
    public func totals(now: Date = Date()) throws -> LedgerTotals {
        let income = try income()
        let records = income.days
        let today = DailyIncome.localDate(now)
        func sum(_ rows: [DailyIncome]) -> LedgerTotals.Period {
            rows.reduce(into: LedgerTotals.Period()) { period, row in
                period.acceptedShares += row.acceptedShares
                period.value += row.value
                period.kilowattHours += row.kilowattHours
                period.electricityCost += row.electricityCost
            }
        }
        var totals = LedgerTotals(today: sum(records.filter { $0.date == today }), lifetime: sum(records),
                                  currency: records.last?.currency ?? "USD", path: path)
        totals.badRows = income.badRowCount
        return totals
    }
}

/// The ledger's income per day and coin, the solo blocks found, and the rows left out of them.
public struct LedgerIncome: Sendable, Equatable {
    public var days: [DailyIncome] = []
    /// Solo blocks submitted to a node, oldest first, whatever the node's verdict.
    public var blocks: [LedgerBlock] = []
    /// Every row that failed a ``LedgerRowCheck``.
    public var badRowCount = 0
    /// The first of them (at most ``Ledger/badRowsNamed``), by table and id.
    public var badRows: [LedgerBadRow] = []

    public init() {}
}

/// Why a ledger file was not opened.
public enum LedgerFileError: Error, CustomStringConvertible {
    /// Not an SQLite database, or not readable.
    case unreadable(path: String, reason: String)
    /// An SQLite database of another application: rigtop leaves it as it is.
    case foreign(path: String, owner: String)
    /// A rigtop ledger migrated by a newer rigtop: writing could damage what it added.
    case newer(path: String, migrations: [String])

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read the ledger \(OutsideText.escaped(path)): \(reason)"
        case .foreign(let path, let owner):
            "\(OutsideText.escaped(path)) is not a rigtop ledger: it seems to be \(owner); rigtop leaves it unchanged (give --ledger a new file)"
        case .newer(let path, let migrations):
            "\(OutsideText.escaped(path)) was written by a newer rigtop (schema \(migrations.map { OutsideText.escaped($0) }.joined(separator: ", "))); "
                + "mine with that version or give --ledger another file"
        }
    }
}

extension Row {
    /// The value of `column` as `T`; nil for NULL or for a value that is not a `T` (a blob where a
    /// number belongs). GRDB's `row[column] as T?` raises a fatal error on the second, and a ledger
    /// is a file anyone can edit.
    func lenient<T: DatabaseValueConvertible>(_ column: String) -> T? {
        T.fromDatabaseValue(self[column] as DatabaseValue)
    }
}
