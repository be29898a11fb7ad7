public import Foundation
import GRDB
public import RigEngine

/// The income ledger: an SQLite database in WAL mode holding every share, block candidate,
/// per-minute row and coin switch.
///
/// Durability: WAL with `synchronous = NORMAL` makes every committed transaction survive a
/// process crash (`kill -9`) — only an OS crash or power loss can lose the last commits — and
/// SQLite never leaves a torn database behind. ``LedgerWriter`` commits at least once a second,
/// so a crash loses at most the last second of records.
public final class Ledger: Sendable {
    /// The file in use.
    public let path: String
    private let database: DatabasePool

    /// `$XDG_DATA_HOME/rigtop/ledger.sqlite`, else `~/.local/share/rigtop/ledger.sqlite` (XDG base directories).
    public static func defaultPath(environment: [String: String]) -> String {
        if let base = environment["XDG_DATA_HOME"], !base.isEmpty { return base + "/rigtop/ledger.sqlite" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/rigtop/ledger.sqlite"
    }

    /// Opens (creating the folder and the schema if needed) the ledger at `path`.
    public init(path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // NORMAL in WAL mode: durable across process crashes, fsync only at checkpoints.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        configuration.busyMode = .timeout(5)
        database = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(database)
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

    /// Every solo block, oldest first.
    public func blocks() throws -> [BlockRecord] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM block ORDER BY id").map { row in
                BlockRecord(time: row["time"], coin: row["coin"], node: row["node"], height: row["height"], hash: row["hash"],
                            reward: row["reward"], result: row["result"], reason: row["reason"])
            }
        }
    }

    /// Every share, oldest first.
    public func shares() throws -> [ShareRecord] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM share ORDER BY id").map { row in
                ShareRecord(time: row["time"], coin: row["coin"], pool: row["pool"], job: row["job"],
                            difficulty: row["difficulty"], result: row["result"], expectedCoins: row["expected_coins"],
                            price: row["price"], currency: row["currency"])
            }
        }
    }

    /// Runs SQLite's integrity check; "ok" for a sound file.
    public func integrityCheck() throws -> String {
        try database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    /// Per-day income records since `since` (unix seconds, local days), oldest first, one per day and coin.
    public func dailyIncome(since: Double? = nil) throws -> [DailyIncome] {
        let from = since ?? 0
        return try database.read { db in
            var days: [String: DailyIncome] = [:]
            let shareRows = try Row.fetchAll(db, sql: """
                SELECT date(time, 'unixepoch', 'localtime') AS day, coin, currency,
                       COUNT(*) AS accepted, SUM(expected_coins) AS coins, SUM(expected_coins * price) AS value
                FROM share WHERE result = 'accepted' AND time >= ? GROUP BY day, coin, currency
                """, arguments: [from])
            for row in shareRows {
                let key = "\(row["day"] as String)|\(row["coin"] as String)"
                var income = days[key] ?? DailyIncome(date: row["day"], coin: row["coin"], currency: row["currency"])
                income.acceptedShares += row["accepted"] as Int
                income.expectedCoins += row["coins"] as Double
                income.value += row["value"] as Double
                days[key] = income
            }
            let minuteRows = try Row.fetchAll(db, sql: """
                SELECT date(minute, 'unixepoch', 'localtime') AS day, coin, currency,
                       SUM(COALESCE(watts, 0) * seconds) / 3600000.0 AS kwh,
                       SUM(COALESCE(watts, 0) * seconds / 3600000.0 * electricity_price) AS cost
                FROM minute WHERE minute >= ? GROUP BY day, coin, currency
                """, arguments: [from - 60])
            for row in minuteRows {
                let key = "\(row["day"] as String)|\(row["coin"] as String)"
                var income = days[key] ?? DailyIncome(date: row["day"], coin: row["coin"], currency: row["currency"])
                income.kilowattHours += row["kwh"] as Double
                income.electricityCost += row["cost"] as Double
                days[key] = income
            }
            return days.values.sorted { ($0.date, $0.coin) < ($1.date, $1.coin) }
        }
    }

    /// Today's (local) and lifetime totals, for the dashboard.
    public func totals(now: Date = Date()) throws -> LedgerTotals {
        let records = try dailyIncome()
        let today = DailyIncome.localDate(now)
        func sum(_ rows: [DailyIncome]) -> LedgerTotals.Period {
            rows.reduce(into: LedgerTotals.Period()) { period, row in
                period.acceptedShares += row.acceptedShares
                period.value += row.value
                period.kilowattHours += row.kilowattHours
                period.electricityCost += row.electricityCost
            }
        }
        return LedgerTotals(today: sum(records.filter { $0.date == today }), lifetime: sum(records),
                            currency: records.last?.currency ?? "USD", path: path)
    }
}
