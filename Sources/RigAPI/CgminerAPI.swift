import Foundation
import RigInput
public import RigRuntime
import RigEngine

/// cgminer's API (port 4028 by convention), which rig managers read: `summary`, `devs` (one device
/// per mining thread), `pools`, `version`, `config`, `stats`; plain-text (`summary`) or JSON
/// (`{"command":"summary+devs"}`) requests, `+`-joined commands, NUL-terminated replies, with
/// cgminer's STATUS section and field names.
///
/// rigtop's windows are 10 s, 60 s and 15 min: `MHS 5s` carries the 10 s rate (the shortest
/// rigtop has), `MHS 1m` the 60 s one, `MHS 15m` the 15 min one.
public enum CgminerAPI {
    public static let apiVersion = "3.7"

    /// Whether `bytes` is a whole request: plain text at once; JSON once its outer braces close,
    /// whether or not it then parses. A request that is not valid JSON (a raw ESC inside a
    /// string) is whole all the same and gets cgminer's error reply, instead of a connection held
    /// open for bytes that will never make it valid.
    public static func isComplete(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines.union(["\0"]))
        guard text.hasPrefix("{") else { return true }
        var depth = 0
        var inString = false
        var escaped = false
        for byte in text.utf8 {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth <= 0 { return true }
            default: break
            }
        }
        return false
    }

    /// The reply to one request, NUL-terminated.
    public static func reply(to bytes: [UInt8], state: RigState, now: Double) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines.union(["\0"]))
        let isJSON = text.hasPrefix("{")
        var commands: [String] = []
        if isJSON {
            if let request = try? JSONValue.parse(text), let command = request["command"]?.stringValue {
                commands = command.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
            } else {
                return Array(encode([error(14, "Invalid JSON request", now: now)], json: true).utf8) + [0]
            }
        } else {
            let command = text.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            commands = command.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        }
        let responses = commands.map { (command: $0, sections: respond(to: $0.lowercased(), state: state, now: now)) }
        let out: String
        if isJSON && responses.count > 1 {
            var joined: [String: JSONValue] = [:]
            for response in responses { joined[response.command] = .array([object(response.sections)]) }
            out = JSONValue.object(joined).serialized
        } else if isJSON {
            out = object(responses.first?.sections ?? [error(14, "Invalid command", now: now)]).serialized
        } else {
            out = responses.map { plain($0.sections) }.joined()
        }
        return Array(out.utf8) + [0]
    }

    /// A reply: sections in order, STATUS first. Each section is a name and its records.
    typealias Sections = [(name: String, records: [[(String, JSONValue)]])]

    static func respond(to command: String, state: RigState, now: Double) -> Sections {
        let engine = state.engine
        func status(_ code: Int, _ message: String) -> (String, [[(String, JSONValue)]]) {
            ("STATUS", [[("STATUS", "S"), ("When", .number(now.rounded(.down))), ("Code", .number(Double(code))),
                         ("Msg", .string(message)), ("Description", .string("rigtop \(RigtopVersion.string)"))]])
        }
        func mhs(_ value: Double?) -> JSONValue { .number(((value ?? 0) / 1e6 * 1000).rounded() / 1000) }
        let elapsed = max(0, engine.uptime.rounded(.down))
        let average = engine.uptime > 0 ? Double(engine.totalHashes) / engine.uptime : 0
        let utility = engine.uptime > 0 ? Double(engine.shares.accepted) * 60 / engine.uptime : 0
        switch command {
        case "summary":
            return [status(11, "Summary"), ("SUMMARY", [[
                ("Elapsed", .number(elapsed)), ("MHS av", mhs(average)), ("MHS 5s", mhs(engine.hashrate.tenSeconds)),
                ("MHS 1m", mhs(engine.hashrate.sixtySeconds)), ("MHS 15m", mhs(engine.hashrate.fifteenMinutes)),
                ("Found Blocks", .number(Double(engine.blocks.found))), ("Accepted", .number(Double(engine.shares.accepted))),
                ("Rejected", .number(Double(engine.shares.rejected))),
                ("Hardware Errors", .number(Double(engine.shares.hardwareErrors))),
                ("Utility", .number((utility * 100).rounded() / 100)), ("Stale", .number(Double(engine.shares.stale))),
                ("Total MH", .number((Double(engine.totalHashes) / 1e6).rounded())),
                ("Difficulty Accepted", .number(Double(engine.shares.accepted) * (engine.shareDifficulty ?? 0))),
                ("Temperature", .number(state.cpuTemperature?.temperature.celsius ?? 0)),
            ]])]
        case "devs":
            let devices = engine.threads.map { thread -> [(String, JSONValue)] in
                [("CPU", .number(Double(thread.index))), ("Enabled", "Y"), ("Status", thread.idle ? "Idle" : "Alive"),
                 ("Temperature", .number(state.sensors?.temperature(ofCore: thread.core)?.celsius ?? 0)),
                 ("MHS av", mhs(engine.uptime > 0 ? Double(thread.hashes) / engine.uptime : 0)),
                 ("MHS 5s", mhs(thread.hashrate.tenSeconds)), ("MHS 1m", mhs(thread.hashrate.sixtySeconds)),
                 ("Shares Found", .number(Double(thread.shares))),
                 ("Total MH", .number((Double(thread.hashes) / 1e6).rounded()))]
            }
            return [status(9, "\(devices.count) CPU(s)"), ("DEVS", devices)]
        case "pools":
            guard let pool = engine.pool else { return [status(7, "0 Pool(s)"), ("POOLS", [])] }
            return [status(7, "1 Pool(s)"), ("POOLS", [[
                ("POOL", 0), ("URL", .string(pool.url)), ("Status", pool.connection == .mining ? "Alive" : "Dead"),
                ("Priority", 0), ("Accepted", .number(Double(engine.shares.accepted))),
                ("Rejected", .number(Double(engine.shares.rejected))), ("Stale", .number(Double(engine.shares.stale))),
                ("Diff", .number(pool.difficulty ?? 0)), ("Stratum Active", .bool(pool.connection == .mining)),
                ("Stratum URL", .string(pool.url)), ("Pool Rejected%", .number(rejectedPercent(engine.shares))),
            ]])]
        case "version":
            return [status(22, "rigtop versions"), ("VERSION", [[("rigtop", .string(RigtopVersion.string)),
                                                                  ("API", .string(apiVersion))]])]
        case "config":
            return [status(33, "rigtop config"), ("CONFIG", [[
                ("CPU Count", .number(Double(engine.threads.count))), ("Pool Count", .number(engine.pool == nil ? 0 : 1)),
                ("Strategy", "Failover"), ("Device Code", "CPU"), ("OS", "Linux"),
            ]])]
        case "stats":
            let stats = engine.threads.map { thread -> [(String, JSONValue)] in
                [("STATS", .number(Double(thread.index))), ("ID", .string("CPU\(thread.index)")), ("Elapsed", .number(elapsed)),
                 ("Core", thread.core.map { .number(Double($0)) } ?? .null), ("Pinned", .bool(thread.pinned))]
            }
            return [status(70, "rigtop stats"), ("STATS", stats)]
        default:
            return [error(14, "Invalid command", now: now)]
        }
    }

    static func error(_ code: Int, _ message: String, now: Double) -> (name: String, records: [[(String, JSONValue)]]) {
        ("STATUS", [[("STATUS", "E"), ("When", .number(now.rounded(.down))), ("Code", .number(Double(code))),
                     ("Msg", .string(message)), ("Description", .string("rigtop \(RigtopVersion.string)"))]])
    }

    static func rejectedPercent(_ shares: ShareCounts) -> Double {
        let total = shares.accepted + shares.rejected
        return total == 0 ? 0 : (Double(shares.rejected) * 10_000 / Double(total)).rounded() / 100
    }

    static func object(_ sections: Sections) -> JSONValue {
        var members: [String: JSONValue] = ["id": 1]
        for section in sections {
            members[section.name] = .array(section.records.map { .object(Dictionary($0, uniquingKeysWith: { first, _ in first })) })
        }
        return .object(members)
    }

    static func encode(_ sections: Sections, json: Bool) -> String {
        json ? object(sections).serialized : plain(sections)
    }

    /// cgminer's plain text: `STATUS=S,When=…|SUMMARY,Elapsed=…|`; separators in values are escaped.
    static func plain(_ sections: Sections) -> String {
        var out = ""
        for section in sections {
            for record in section.records {
                var fields: [String] = section.name == "STATUS" ? [] : [section.name]
                for (key, value) in record {
                    let text: String
                    switch value {
                    case .string(let string): text = string
                    case .bool(let bool): text = bool ? "true" : "false"
                    case .null: text = ""
                    default: text = value.serialized
                    }
                    fields.append("\(key)=\(escapePlain(text))")
                }
                out += fields.joined(separator: ",") + "|"
            }
        }
        return out
    }

    static func escapePlain(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case ",", "|", "=", "\\": out += "\\" + String(character)
            default: if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f }) { out.append(character) }
            }
        }
        return out
    }
}
