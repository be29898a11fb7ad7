import Foundation
import GRDB
import RigLedger
import RigLedgerSQLite

/// libFuzzer entry: rows of a hand-edited or half-corrupted ledger, then every report rigtop makes
/// from it. A ledger is someone's tax record: whatever a row holds (a time after the year 9999,
/// text in a numeric column, a blob, an extreme number), a report counts it as bad or totals it,
/// and never traps.
///
/// The input is a list of rows. Each row is a byte choosing the table, then one value per column,
/// each a type byte and its bytes: null, a 64-bit integer, a double, text or a blob (a length byte
/// and that many bytes). SQLite keeps what a column's affinity allows, as it does for a person
/// with the sqlite3 shell; rows a NOT NULL column refuses are skipped.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLedger(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(bytes: UnsafeBufferPointer(start: data, count: size))
    guard let path = try? LedgerTemplate.freshCopy() else { return 0 }
    if let queue = try? DatabaseQueue(path: path) {
        try? queue.write { db in
            var rows = 0
            while !input.isAtEnd, rows < 64 {
                rows += 1
                let table = LedgerTemplate.tables[Int(input.byte()) % LedgerTemplate.tables.count]
                let values = (0..<table.columns).map { _ in input.value() }
                let marks = Array(repeating: "?", count: table.columns).joined(separator: ", ")
                try? db.execute(sql: "INSERT INTO \(table.name) VALUES (\(marks))", arguments: StatementArguments(values))
            }
        }
        try? queue.close()
    }
    guard let ledger = try? Ledger(readingAt: path) else { return 0 }
    if let income = try? ledger.income() {
        for day in income.days { _ = "\(day)" }
        _ = income.badRows.map { "\($0)" }
    }
    _ = try? ledger.dailyIncome(since: 1_000_000_000)
    _ = try? ledger.totals(now: Date(timeIntervalSince1970: 1_795_132_800))
    _ = try? ledger.blocks()
    _ = try? ledger.shares()
    _ = try? ledger.counts()
    return 0
}

/// The fuzzer's bytes, read front to back; past the end every read gives zeros.
struct FuzzInput {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func word() -> UInt64 {
        (0..<8).reduce(UInt64(0)) { value, _ in value << 8 | UInt64(byte()) }
    }

    mutating func value() -> DatabaseValue {
        switch byte() % 5 {
        case 0: return .null
        case 1: return Int64(bitPattern: word()).databaseValue
        case 2: return Double(bitPattern: word()).databaseValue
        case 3:
            let count = Int(byte())
            return String(decoding: (0..<count).map { _ in byte() }, as: UTF8.self).databaseValue
        default:
            let count = Int(byte())
            return Data((0..<count).map { _ in byte() }).databaseValue
        }
    }
}

/// An empty rigtop ledger made once per process, copied fresh for each input.
enum LedgerTemplate {
    static let tables: [(name: String, columns: Int)] = [
        ("share", 10), ("minute", 10), ("block", 9), ("coin_switch", 4), ("block_candidate", 7),
    ]

    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-fuzz-ledger-\(getpid())").path
    static let template: String? = {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/template.sqlite"
        guard let ledger = try? Ledger(path: path), (try? ledger.checkpoint()) != nil else { return nil }
        return path
    }()

    static func freshCopy() throws -> String {
        guard let template else { throw CocoaError(.fileNoSuchFile) }
        let path = folder + "/input.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try FileManager.default.copyItem(atPath: template, toPath: path)
        return path
    }
}
