import RigEngine
import RigFigures
import RigInput

/// cpuminer-opt through its TCP API (port 4048; cpuminer-opt's api.c): `summary` answers one
/// record and `threads` one per thread, each `KEY=value;KEY=value` ending in `|`, the whole
/// answer NUL-terminated.
///
/// `summary` has one rate (`HS`, also `KHS`), cpuminer's running total, which fills the 60 s
/// slot; `TEMP` (°C) and `FAN` (percent) are 0 where the machine has no such sensor. `threads`
/// scales each rate for display: `CPU=0;kH/s=1.23`, `MH/s`, ….
struct CpuminerReader: MinerReader {
    let endpoint: MinerEndpoint
    let limits: MinerReadLimits

    func read() async throws(MinerReadError) -> MinerSnapshot {
        let started = ContinuousClock.now
        let summary: [[String: String]]
        do throws(MinerReadError) {
            guard let socket = limits.socket(to: endpoint, since: started) else { throw MinerReadError("no time") }
            summary = try Self.records(try await socket.exchange("summary"))
        } catch {
            throw MinerReadError("summary: \(error.reason)")
        }
        var threads: [[String: String]] = []
        if let socket = limits.socket(to: endpoint, since: started) {
            threads = (try? await Self.records(socket.exchange("threads"))) ?? []
        }
        return try Self.snapshot(summary: summary, threads: threads)
    }

    /// `KEY=value;…|KEY=value;…|` as records of fields; text that is not in that form is an error.
    static func records(_ bytes: [UInt8]) throws(MinerReadError) -> [[String: String]] {
        // cpuminer-opt sends the C string's NUL too; nothing after it is the answer.
        let text = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        var records: [[String: String]] = []
        for record in text.split(separator: "|") {
            let trimmed = record.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            var fields: [String: String] = [:]
            for field in trimmed.split(separator: ";") {
                guard let equals = field.firstIndex(of: "=") else {
                    throw MinerReadError("not a cpuminer answer: \(OutsideText.escaped(field, limit: 40))")
                }
                fields[String(field[..<equals])] = String(field[field.index(after: equals)...])
            }
            records.append(fields)
        }
        guard !records.isEmpty else { throw MinerReadError("empty answer") }
        return records
    }

    static func snapshot(summary: [[String: String]], threads: [[String: String]]) throws(MinerReadError) -> MinerSnapshot {
        guard let fields = summary.first, fields["NAME"] != nil || fields["HS"] != nil || fields["KHS"] != nil else {
            throw MinerReadError("not a cpuminer summary (no NAME, HS or KHS)")
        }
        func value(_ key: String) -> JSONValue? { fields[key].map(JSONValue.string) }
        var snapshot = MinerSnapshot()
        snapshot.software = MinerField.text(value("NAME"), limit: 32)
        snapshot.version = MinerField.text(value("VER"), limit: 32)
        snapshot.algorithm = MinerField.text(value("ALGO"), limit: 32)
        let rate = MinerField.rate(value("HS"), unit: 1) ?? MinerField.rate(value("KHS"), unit: 1e3)
        snapshot.hashrate = WindowedRate(sixtySeconds: rate)
        snapshot.accepted = MinerField.count(value("ACC"))
        snapshot.rejected = MinerField.count(value("REJ"))
        snapshot.uptimeSeconds = MinerField.seconds(value("UPTIME"))
        if let celsius = MinerField.celsius(value("TEMP")) { snapshot.temperatures.append(.init(name: "cpu", value: celsius)) }
        if let url = MinerField.text(value("URL"), limit: 120) { snapshot.pools = [MinerSnapshot.Pool(url: url)] }
        for (position, thread) in threads.enumerated() {
            let index = MinerField.whole(thread["CPU"].map(JSONValue.string), in: 0...100_000) ?? position
            var device = MinerSnapshot.Device(index: index, name: "cpu \(index)")
            let scales: [(String, Double)] = [("H/s", 1), ("kH/s", 1e3), ("KH/s", 1e3), ("MH/s", 1e6), ("GH/s", 1e9), ("TH/s", 1e12)]
            for (key, scale) in scales {
                if let rate = MinerField.rate(thread[key].map(JSONValue.string), unit: scale) {
                    device.hashrate = WindowedRate(sixtySeconds: rate)
                    break
                }
            }
            snapshot.devices.append(device)
        }
        return snapshot
    }
}
