import Foundation
import GRDB
import RigEngine
import RigLedger
import RigLedgerSQLite
import Testing

/// A ledger is a file a person edits, restores from a backup or half loses, and someone's tax
/// record: bad rows are counted, named and left out (never a trap), and a file that is not
/// rigtop's is never changed.
@Suite struct LedgerCorruptionTests {
    /// A rigtop ledger holding two good accepted shares and one good minute, at `path`.
    static func ledgerWithGoodRows() throws -> (path: String, ledger: Ledger) {
        let path = temporaryLedgerPath()
        let ledger = try Ledger(path: path)
        try ledger.write([LedgerTests.share(LedgerTests.day1), LedgerTests.share(LedgerTests.day1 + 60),
                          LedgerTests.minute(LedgerTests.day1)])
        return (path, ledger)
    }

    /// Runs `sql` on the file as another program would.
    static func edit(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: sql) }
    }

    /// A ledger path whose folder exists and holds nothing yet.
    static func pathInNewFolder() throws -> String {
        let path = temporaryLedgerPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return path
    }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// One bad share or minute row each: what is in it, and the problem the ledger must name.
    static let badRows: [(sql: String, problem: String)] = [
        ("INSERT INTO share VALUES (100, 1e12, 'LTC', 'p', 'j', 1, 'accepted', 1, 1, 'USD')", "time 1000000000000.0 is not a time from 1970 to 9999"),
        ("INSERT INTO share VALUES (101, 1e300, 'LTC', 'p', 'j', 1, 'accepted', 1, 1, 'USD')", "time 1.0e+300 is not a time from 1970 to 9999"),
        ("INSERT INTO share VALUES (102, 'yesterday', 'LTC', 'p', 'j', 1, 'accepted', 1, 1, 'USD')", "time is text"),
        ("INSERT INTO share VALUES (103, -5, 'LTC', 'p', 'j', 1, 'accepted', 1, 1, 'USD')", "time -5.0 is not a time from 1970 to 9999"),
        ("INSERT INTO share VALUES (104, 1.8e9, 'LTC', 'p', 'j', 1, 'accepted', 'lots', 1, 'USD')", "expected_coins is text"),
        ("INSERT INTO share VALUES (105, 1.8e9, 'LTC', 'p', 'j', 1, 'accepted', 1, -80, 'USD')", "price -80.0 is not between 0 and 1000000000000"),
        ("INSERT INTO share VALUES (106, 1.8e9, 'LTC', 'p', 'j', 1, 'accepted', 1, 9e999, 'USD')", "price Inf is not between 0 and 1000000000000"),
        ("INSERT INTO share VALUES (107, 1.8e9, x'00ff', 'p', 'j', 1, 'accepted', 1, 1, 'USD')", "coin is blob"),
        ("INSERT INTO minute VALUES (108, 1.8e9, 'LTC', 1, 'hot', 1, 60, 70, 0.2, 'USD')", "watts is text"),
        ("INSERT INTO minute VALUES (109, 1e300, 'LTC', 1, 100, 1, 60, 70, 0.2, 'USD')", "minute 1.0e+300 is not a time from 1970 to 9999"),
        ("INSERT INTO block VALUES (110, 1.8e9, 'LTC', 'solo n', 2.5, 'ab', 50, 'accepted', NULL)", "height is real"),
        ("INSERT INTO block VALUES (111, 1.8e9, 'LTC', 'solo n', -1, 'ab', 50, 'accepted', NULL)", "height -1 is not between 0 and 1000000000000"),
        ("INSERT INTO block VALUES (112, 1.8e9, 'LTC', 'solo n', 7, 'ab', 1e300, 'accepted', NULL)", "reward 1.0e+300 is not between 0 and 1000000000000"),
        ("INSERT INTO block VALUES (113, 1e300, 'LTC', 'solo n', 7, 'ab', 50, 'accepted', NULL)", "time 1.0e+300 is not a time from 1970 to 9999"),
        ("INSERT INTO block VALUES (114, 1.8e9, 'LTC', 'solo n', 7, 'ab', 50, 'rejected', x'00')", "reason is blob"),
        ("INSERT INTO share VALUES (115, 1.8e9, 'LTC', 'p', 'j', 1, 'accepted', 1, x'00ff', 'USD')", "price is blob"),
        ("INSERT INTO share VALUES (116, 1.8e9, 'LTC', 'p', 'j', x'01', 'accepted', 1, 1, 'USD')", "difficulty is blob"),
    ]

    @Test("each bad row is left out of the totals and named by id and problem", arguments: badRows)
    func badRowIsLeftOut(_ bad: (sql: String, problem: String)) throws {
        let (path, ledger) = try Self.ledgerWithGoodRows()
        let clean = try ledger.income()
        try Self.edit(path, bad.sql)
        let income = try ledger.income()
        #expect(income.days == clean.days)
        #expect(income.blocks == clean.blocks)
        #expect(income.badRowCount == 1)
        let table = String(bad.sql.split(separator: " ")[2])
        let id = try #require(Int64(bad.sql.split(separator: "(")[1].split(separator: ",")[0]))
        #expect(income.badRows == [LedgerBadRow(table: table, id: id, problem: bad.problem)])
        #expect(try ledger.totals().badRows == 1)
        #expect(try Ledger(readingAt: path).income() == income)
        // The row list leaves out what it cannot read, and never traps on it (GRDB would on a
        // blob decoded as a number; the ledger fuzz target found it).
        #expect(try ledger.shares().count == 2)
    }

    @Test("NULLs where a hand-made table allows them are bad rows too")
    func nulls() throws {
        let path = try Self.pathInNewFolder()
        _ = try Ledger(path: path)
        try Self.edit(path, """
            DROP TABLE share;
            CREATE TABLE share (id INTEGER PRIMARY KEY, time REAL, coin TEXT, pool TEXT, job TEXT, difficulty REAL,
                                result TEXT, expected_coins REAL, price REAL, currency TEXT);
            INSERT INTO share VALUES (1, 1.8e9, 'LTC', 'p', 'j', 1, 'accepted', 1, 1, 'USD');
            INSERT INTO share VALUES (2, NULL, 'LTC', 'p', 'j', 1, 'accepted', 1, 1, 'USD');
            INSERT INTO share VALUES (3, 1.8e9, 'LTC', 'p', 'j', 1, 'accepted', 1, 1, NULL);
            INSERT INTO share VALUES (4, 1.8e9, 'LTC', 'p', 'j', 1, 'accepted', NULL, 1, 'USD');
            """)
        let income = try Ledger(readingAt: path).income()
        #expect(income.days.map(\.acceptedShares) == [1])
        #expect(income.badRows.map(\.description) == ["share row 2: time is null", "share row 3: currency is null",
                                                      "share row 4: expected_coins is null"])
    }

    @Test("past twenty bad rows, the rest are counted, not named")
    func manyBadRows() throws {
        let (path, ledger) = try Self.ledgerWithGoodRows()
        try Self.edit(path, (0..<50).map { "INSERT INTO share VALUES (\(200 + $0), 'x', 'LTC', 'p', 'j', 1, 'accepted', 1, 1, 'USD');" }.joined())
        let income = try ledger.income()
        #expect(income.badRowCount == 50)
        #expect(income.badRows.count == Ledger.badRowsNamed)
        #expect(income.days.map(\.acceptedShares) == [2])
    }

    @Test("another application's database is refused before anything in it changes")
    func foreignSchema() throws {
        let path = try Self.pathInNewFolder()
        try Self.edit(path, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); CREATE TABLE share (id INTEGER PRIMARY KEY, url TEXT);")
        let before = try Self.bytes(path)
        let writing = #expect(throws: LedgerFileError.self) { try Ledger(path: path) }
        #expect(writing.map { "\($0)".contains("is not a rigtop ledger: it seems to be Firefox's") } == true, "\(String(describing: writing))")
        #expect(throws: LedgerFileError.self) { try Ledger(readingAt: path) }
        #expect(try Self.bytes(path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let journal = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journal == "delete")
    }

    @Test("reports open read-only: an empty SQLite file stays as it was")
    func reportsNeverWrite() throws {
        let path = try Self.pathInNewFolder()
        try Self.edit(path, "PRAGMA user_version = 7")
        let before = try Self.bytes(path)
        #expect(throws: (any Error).self) { try Ledger(readingAt: path).income() }
        #expect(try Self.bytes(path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("a newer rigtop's ledger is read by reports and refused for writing")
    func futureMigration() throws {
        let (path, _) = try Self.ledgerWithGoodRows()
        try Self.edit(path, "INSERT INTO grdb_migrations VALUES ('v9: from the future')")
        let error = #expect(throws: LedgerFileError.self) { try Ledger(path: path) }
        #expect(error.map { "\($0)".contains("written by a newer rigtop (schema v9: from the future)") } == true)
        #expect(try Ledger(readingAt: path).income().days.map(\.acceptedShares) == [2])
    }
}
