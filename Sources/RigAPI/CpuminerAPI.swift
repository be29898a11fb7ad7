import Foundation
public import RigRuntime
import RigEngine

/// cpuminer-opt's API (port 4048 by convention), which HiveOS's and minerstat's CPU-miner
/// integrations read: `summary` and `threads`, each answered by `KEY=VALUE;` fields, records
/// ending in `|`.
public enum CpuminerAPI {
    /// A request is one word; a client may or may not end it with a newline.
    public static func isComplete(_ bytes: [UInt8]) -> Bool { true }

    public static func reply(to bytes: [UInt8], state: RigState, now: Double) -> [UInt8] {
        let text = String(decoding: bytes.prefix(256), as: UTF8.self)
        // Scalars, not Characters: "\r\n" is one Character, so a lone "\n" would not match it.
        let separators: Set<Unicode.Scalar> = ["|", "\r", "\n", "\0", " "]
        let command = text.unicodeScalars.split(whereSeparator: separators.contains).first
            .map { String(String.UnicodeScalarView($0)).lowercased() } ?? ""
        let engine = state.engine
        func fixed(_ value: Double, _ digits: Int) -> String {
            value.isFinite ? String(format: "%.\(digits)f", value) : "0"
        }
        let rate = state.hashrate ?? 0
        switch command {
        case "summary":
            let accepted = Double(engine.shares.accepted)
            let fields: [(String, String)] = [
                ("NAME", "rigtop"), ("VER", RigtopVersion.string), ("API", "1.0"),
                ("ALGO", XmrigDocuments.algorithmName(engine.algorithm)),
                ("CPUS", String(engine.threads.count)),
                ("URL", engine.pool?.url ?? "benchmark"),
                ("HS", fixed(rate, 2)), ("KHS", fixed(rate / 1000, 2)),
                ("ACC", String(engine.shares.accepted)), ("REJ", String(engine.shares.rejected)),
                ("SOL", String(engine.blocks.found)),
                ("ACCMN", fixed(engine.uptime > 0 ? accepted * 60 / engine.uptime : 0, 3)),
                ("DIFF", fixed(engine.shareDifficulty ?? 0, 6)),
                ("TEMP", fixed(state.cpuTemperature?.temperature.celsius ?? 0, 1)),
                ("FAN", "0"),
                ("FREQ", String(format: "%.0f", (state.sensors?.cpus.compactMap { $0.frequency?.current?.megahertz }.max() ?? 0) * 1000)),
                ("UPTIME", fixed(max(0, engine.uptime), 0)),
                ("TS", fixed(now, 0)),
            ]
            return Array((fields.map { "\($0.0)=\(clean($0.1))" }.joined(separator: ";") + "|").utf8)
        case "threads":
            let records = engine.threads.map { thread -> String in
                let rate = thread.hashrate.current ?? 0
                return "CPU=\(thread.index);H/s=\(fixed(rate, 2));KHS=\(fixed(rate / 1000, 2))|"
            }
            return Array(records.joined().utf8)
        default:
            return Array("ERROR=unknown command;COMMANDS=summary,threads|".utf8)
        }
    }

    /// Values come from pools and sysfs: keep the separators and control characters out.
    static func clean(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f && $0 != ";" && $0 != "|" && $0 != "=" }
            .map(Character.init))
    }
}
