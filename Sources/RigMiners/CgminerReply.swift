import Foundation
import RigEngine
import RigInput

/// One answer from cgminer's API read into JSON, with the known deviations of its forks
/// repaired first, as public captures show them:
/// - a NUL byte ends the answer, and some forks leave it out (handled by ``MinerSocket``);
/// - stock Antminer firmware (cgminer 4.x and bmminer) writes `}{` between the records of its
///   `STATS` array, with no comma;
/// - Whatsminer answers a command it does not know with a bare object whose `STATUS` is a
///   string (`{"STATUS":"E","Code":14,"Msg":"invalid cmd",…}`), not cgminer's array.
enum CgminerReply {
    /// The answer's sections by name (`SUMMARY`, `DEVS`, …), or an error saying why there are
    /// none: not JSON (cut off), or the miner's own error status.
    static func parse(_ bytes: [UInt8]) throws(MinerReadError) -> JSONValue {
        var text = String(decoding: bytes, as: UTF8.self)
        while let last = text.unicodeScalars.last, last == "\0" || last == " " || last == "\n" || last == "\r" {
            text.unicodeScalars.removeLast()
        }
        guard !text.isEmpty else { throw MinerReadError("empty answer") }
        text = text.replacingOccurrences(of: "}{", with: "},{")
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw MinerReadError("the answer is not JSON (\(bytes.count) bytes; cut off?)")
        }
        guard json.objectValue != nil else { throw MinerReadError("the answer is not a JSON object") }
        let status = json["STATUS"]?.arrayValue?.first?["STATUS"] ?? json["STATUS"]
        if status?.stringValue == "E" || status?.stringValue == "F" {
            let message = MinerField.text(json["STATUS"]?.arrayValue?.first?["Msg"] ?? json["Msg"], limit: 80) ?? "an error"
            throw MinerReadError("the miner answered \(message)")
        }
        return json
    }

    /// The records of one section, e.g. `SUMMARY`'s single record or `DEVS`' one per device.
    static func records(_ json: JSONValue?, _ section: String) -> [JSONValue] {
        (json?[section]?.arrayValue ?? []).filter { $0.objectValue != nil }
    }
}
