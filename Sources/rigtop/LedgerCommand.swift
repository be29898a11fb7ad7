import ArgumentParser
import Foundation
import RigEngine
import RigInput
import RigLedger
import RigLedgerSQLite

/// `rigtop ledger`: per-day income records from the ledger, for the accountant.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Print per-day income records and the blocks found from the ledger (--csv for a spreadsheet).",
        discussion: """
            One line per day (local time) and coin: accepted shares, the coins they are expected \
            to earn after the pool fee, their value at the price recorded with each share, the \
            energy used (kWh, from the per-minute power readings) and its cost at the recorded \
            electricity price, and the net. The ledger is written by `rigtop` and `rigtop mine` \
            at $XDG_DATA_HOME/rigtop/ledger.sqlite (else ~/.local/share/rigtop/ledger.sqlite) \
            or --ledger FILE.

            Then, when solo mining found any, the blocks submitted to a node: when (local time), \
            coin, height, hash, reward, the node's verdict and why. --blocks prints only them, \
            and with --csv their own CSV.

            Examples:
              rigtop ledger                                this ledger, every day
              rigtop ledger --since 2026-01-01 --csv > 2026.csv
              rigtop ledger --blocks --csv > blocks.csv
            """)

    @Option(name: .long, help: ArgumentHelp("The ledger file.", valueName: "file"))
    var ledger: String?

    @Option(name: .long, help: ArgumentHelp("First day to include (YYYY-MM-DD, local time).", valueName: "date"))
    var since: String?

    @Flag(name: .long, help: "Comma-separated values with a header line, full precision.")
    var csv = false

    @Flag(name: .long, help: "Only the blocks found (solo mining), one line each.")
    var blocks = false

    /// Test hook for the crash-safety test: writes share records through the writer until killed.
    @Option(name: .customLong("write-test"), help: .hidden, transform: NumericOption.number(in: 1...100_000))
    var writeTestRate: Double?

    func validate() throws {
        if let since, Self.startOfDay(since) == nil {
            throw ValidationError("--since takes a date as YYYY-MM-DD, not \(since)")
        }
    }

    func run() throws {
        let path = ledger ?? Ledger.defaultPath(environment: ProcessInfo.processInfo.environment)
        if let writeTestRate {
            try Self.writeUntilKilled(path: path, perSecond: writeTestRate)
            return
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no ledger at \(path); `rigtop` and `rigtop mine` create it while mining")
        }
        let income = try Ledger(readingAt: path).income(since: since.flatMap(Self.startOfDay))
        print(Self.report(income, csv: csv, blocksOnly: blocks), terminator: "")
        if income.badRowCount > 0 { OutputChannel.standardError.write(Self.badRowReport(income)) }
    }

    /// The rows left out, for standard error: how many, and each named one by table and id.
    static func badRowReport(_ income: LedgerIncome) -> String {
        var lines = ["rigtop ledger: \(income.badRowCount) unusable row\(income.badRowCount == 1 ? "" : "s") left out of the totals:"]
        lines += income.badRows.map { "  \(OutsideText.escaped($0.description))" }
        if income.badRowCount > income.badRows.count {
            lines.append("  … and \(income.badRowCount - income.badRows.count) more")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What `rigtop ledger` prints: the days, then the blocks when there are any; with
    /// `blocksOnly` the blocks alone. A CSV holds one table, so `--csv` gives the days' table or,
    /// with `--blocks`, the blocks' table.
    static func report(_ income: LedgerIncome, csv: Bool, blocksOnly: Bool) -> String {
        switch (csv, blocksOnly) {
        case (true, true): Self.csv(income.blocks)
        case (true, false): Self.csv(income.days)
        case (false, true): Self.table(income.blocks)
        case (false, false): Self.table(income.days) + (income.blocks.isEmpty ? "" : "\n" + Self.table(income.blocks))
        }
    }

    static func csv(_ records: [DailyIncome]) -> String {
        ([DailyIncome.csvHeader] + records.map { Self.printable($0).csvLine }).joined(separator: "\n") + "\n"
    }

    static func table(_ records: [DailyIncome]) -> String {
        guard !records.isEmpty else { return "no income recorded yet\n" }
        var rows = [["date", "coin", "accepted", "expected coins", "value", "kWh", "electricity", "net"]]
        for r in records.map(Self.printable) {
            rows.append([r.date, r.coin, "\(r.acceptedShares)", String(format: "%.8g", r.expectedCoins),
                         String(format: "%.4f %@", r.value, r.currency), String(format: "%.3f", r.kilowattHours),
                         String(format: "%.4f", r.electricityCost), String(format: "%.4f", r.net)])
        }
        return Self.aligned(rows)
    }

    /// The CSV header ``csvLine(_:)`` matches.
    static let blocksCSVHeader = "time,coin,height,hash,reward,result,reason,node"

    static func csv(_ blocks: [LedgerBlock]) -> String {
        ([Self.blocksCSVHeader] + blocks.map(Self.csvLine)).joined(separator: "\n") + "\n"
    }

    /// Full precision for the reward (`%.10g`), as the days' CSV has it.
    static func csvLine(_ block: LedgerBlock) -> String {
        let r = block.record
        return [Self.clean(block.localTime), Self.clean(r.coin), "\(r.height)", Self.clean(r.hash),
                String(format: "%.10g", r.reward), Self.clean(r.result), Self.clean(r.reason ?? ""),
                Self.clean(r.node)].joined(separator: ",")
    }

    static func table(_ blocks: [LedgerBlock]) -> String {
        guard !blocks.isEmpty else { return "no blocks found yet\n" }
        var rows = [["blocks found", "coin", "height", "hash", "reward", "result", "reason"]]
        for block in blocks {
            let r = block.record
            rows.append([Self.clean(block.localTime), Self.clean(r.coin), "\(r.height)", Self.clean(r.hash),
                         String(format: "%.8g", r.reward), Self.clean(r.result), Self.clean(r.reason ?? "")])
        }
        return Self.aligned(rows)
    }

    /// Rows as columns two spaces apart, each as wide as its widest cell.
    static func aligned(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    /// `record` with its coin and currency (text from the ledger file) safe for a terminal, and
    /// free of the commas and quotes that would shift a CSV line's columns.
    static func printable(_ record: DailyIncome) -> DailyIncome {
        var record = record
        record.coin = clean(record.coin, limit: 40)
        record.currency = clean(record.currency, limit: 40)
        return record
    }

    /// Text from the ledger file safe for a terminal and a CSV cell: escaped, at most `limit`
    /// characters, no commas or quotes.
    static func clean(_ text: String, limit: Int = 80) -> String {
        OutsideText.escaped(text, limit: limit).replacingOccurrences(of: ",", with: "\\u{2C}")
            .replacingOccurrences(of: "\"", with: "\\u{22}")
    }

    /// Unix seconds at local midnight of `date` (YYYY-MM-DD).
    static func startOfDay(_ date: String) -> Double? {
        let written = date.split(separator: "-", omittingEmptySubsequences: false)
        guard written.count == 3, written.map(\.utf8.count) == [4, 2, 2],
              written.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }) else { return nil }
        let parts = written.compactMap { Int32($0) }
        guard parts.count == 3, (1...12).contains(parts[1]),
              (1...Self.daysIn(month: parts[1], of: parts[0])).contains(parts[2]) else { return nil }
        var fields = tm()
        fields.tm_year = parts[0] - 1900
        fields.tm_mon = parts[1] - 1
        fields.tm_mday = parts[2]
        fields.tm_isdst = -1
        let time = mktime(&fields)
        return time == -1 ? nil : Double(time)
    }

    /// Days in `month` (1…12) of the Gregorian `year`: `--since 2026-02-30` is no date.
    static func daysIn(month: Int32, of year: Int32) -> Int32 {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Appends numbered share records at `perSecond` through a ``LedgerWriter`` until the process
    /// is killed. Prints "ready" once the first batch is committed, then every 50 ms
    /// "appended SEQUENCE TIME": the last record handed to the writer and when, which a crash test
    /// holds the ledger to.
    static func writeUntilKilled(path: String, perSecond: Double) throws {
        let writer = LedgerWriter(ledger: try Ledger(path: path))
        writer.start()
        var sequence = 0
        let start = Date().timeIntervalSince1970
        var announced = false
        var lastReport = 0.0
        while true {
            let now = Date().timeIntervalSince1970
            while Double(sequence) < (now - start) * perSecond {
                writer.append(.share(ShareRecord(time: Date().timeIntervalSince1970, coin: "BTC", pool: "write-test",
                                                 job: "\(sequence)", difficulty: 1, result: "accepted",
                                                 expectedCoins: 1e-9, price: 1, currency: "USD")))
                sequence += 1
            }
            if !announced, now - start > 0.5 {
                OutputChannel.standardOutput.write("ready\n")
                announced = true
            }
            if sequence > 0, now - lastReport >= 0.05 {
                OutputChannel.standardOutput.write("appended \(sequence - 1) \(now)\n")
                lastReport = now
            }
            usleep(1000)
        }
    }
}
