import Foundation
import RigEngine
import RigInput

/// One field of a miner's answer made into a figure, or nil: every value passes
/// `UntrustedNumber` or `OutsideText`, so 1e300, a negative fan or a string where a number
/// belongs drops that field and never traps.
///
/// Miners send numbers both as JSON numbers and as text (Antminer's `"GHS 5s":"16346.64"`,
/// cgminer's `"Diff":" 69.2461"`), so both are taken, text in plain decimal notation only.
enum MinerField {
    /// The largest rate believed, H/s: about 1,000 times the whole Bitcoin network's.
    static let rates = 0.0...1e24
    /// °C; cgminer reports 0 for a sensor slot with nothing in it, so 0 is no reading.
    static let temperatures = -60.0...400.0

    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .number(let number)?: return number.isFinite ? number : nil
        // Plain decimals only: Double("0x10") is 16 and Double("nan") is NaN, and a miner's
        // decimal strings ("16346.64", " 69.2461") never look like either.
        case .string(let text)?: return try? UntrustedNumber.finite(decimalText: text, "number", in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
        default: return nil
        }
    }

    static func number(_ value: JSONValue?, in range: ClosedRange<Double>) -> Double? {
        try? UntrustedNumber.finite(number(value), "number", in: range)
    }

    /// A rate in H/s from a value in `unit` H/s (1e6 for cgminer's MHS).
    static func rate(_ value: JSONValue?, unit: Double) -> Double? {
        guard let value = number(value, in: 0...1e30) else { return nil }
        return try? UntrustedNumber.finite(value * unit, "rate", in: rates)
    }

    static func count(_ value: JSONValue?) -> UInt64? {
        try? UntrustedNumber.whole(number(value), "count", in: 0...(UInt64(1) << 53))
    }

    static func whole(_ value: JSONValue?, in range: ClosedRange<Int>) -> Int? {
        try? UntrustedNumber.whole(number(value), "number", in: range)
    }

    /// A temperature, °C; 0 (an empty sensor slot) is none.
    static func celsius(_ value: JSONValue?) -> Double? {
        guard let celsius = number(value, in: temperatures), celsius != 0 else { return nil }
        return celsius
    }

    /// A fan's speed, RPM; 0 (an empty fan slot, or a stopped fan cgminer cannot tell apart) is
    /// kept only where the caller asks.
    static func rpm(_ value: JSONValue?) -> Int? {
        whole(value, in: 0...100_000)
    }

    static func watts(_ value: JSONValue?) -> Double? {
        number(value, in: 0...1e6)
    }

    static func seconds(_ value: JSONValue?) -> Double? {
        number(value, in: 0...1e10)
    }

    static func text(_ value: JSONValue?, limit: Int = 64) -> String? {
        guard case .string(let text)? = value else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : OutsideText.escaped(trimmed, limit: limit)
    }

    static func flag(_ value: JSONValue?) -> Bool? {
        switch value {
        case .bool(let flag)?: flag
        case .string(let text)?: ["true", "y"].contains(text.lowercased()) ? true : ["false", "n"].contains(text.lowercased()) ? false : nil
        default: nil
        }
    }

    /// The hottest of Antminer's dash-joined sensor list (`"temp_chip1":"48-80-49-70"`): the
    /// intake and outlet of the PCB or of the chips, as the board reports them.
    static func hottest(dashed value: JSONValue?) -> Double? {
        if case .number? = value { return celsius(value) }
        guard case .string(let text)? = value, text.utf8.count <= 200 else { return nil }
        return text.split(separator: "-").compactMap { celsius(.string(String($0))) }.max()
    }
}

extension MinerField {
    /// What one unit of a rate labelled `label` is, H/s: lolMiner's `Performance_Unit`
    /// ("Mh/s", "sol/s", "g/s") and GMiner's `speed_unit` ("H/s", "Sol/s"). A solution or a
    /// graph per second counts as one hash per second, as those miners' own totals do; nil for a
    /// label not in that form, so the rate is dropped rather than misread.
    static func unitScale(_ label: JSONValue?) -> Double? {
        guard let text = text(label, limit: 16)?.lowercased(), text.hasSuffix("/s") else { return nil }
        let unit = text.dropLast(2)
        let bases: Set<Substring> = ["h", "sol", "g", "gps"]
        if bases.contains(unit) { return 1 }
        guard let prefix = unit.first, bases.contains(unit.dropFirst()) else { return nil }
        return switch prefix {
        case "k": 1e3
        case "m": 1e6
        case "g": 1e9
        case "t": 1e12
        case "p": 1e15
        default: nil
        }
    }

    /// A miner's `"name version"` field ("lolMiner 1.92", "GMiner 3.06", "lolMiner 1.0 a2")
    /// split at its first space; a name alone, or one not followed by a number, has no version.
    static func softwareAndVersion(_ value: JSONValue?) -> (software: String, version: String?)? {
        guard let whole = text(value, limit: 48) else { return nil }
        guard let space = whole.firstIndex(of: " ") else { return (whole, nil) }
        let version = whole[whole.index(after: space)...]
        guard version.first?.isNumber == true else { return (whole, nil) }
        return (String(whole[..<space]), String(version))
    }

    /// A fan's duty, percent, as GPU miners report it; out of 0…100 is no reading.
    static func percent(_ value: JSONValue?) -> Double? {
        number(value, in: 0...100)
    }
}

extension MinerField {
    /// A GPU's power, W; GPU miners report 0 for a card without a power sensor, so 0 is none.
    static func reportedWatts(_ value: JSONValue?) -> Double? {
        watts(value).flatMap { $0 > 0 ? $0 : nil }
    }

    /// The sum of per-device figures (rates, watts) as the whole miner's, where any device has
    /// one; nil when none has, or when the sum leaves `range`.
    static func total(_ values: [Double], in range: ClosedRange<Double>) -> Double? {
        guard !values.isEmpty else { return nil }
        return try? UntrustedNumber.finite(values.reduce(0, +), "total", in: range)
    }

    /// A JSON document checked to be the object a dialect answers with: an object holding at
    /// least one of `keys`. Anything else (an array, an HTML error page's JSON twin, another
    /// miner's answer) is an error naming what was expected.
    static func document(_ json: JSONValue, withAnyOf keys: [String], _ what: String) throws(MinerReadError) -> JSONValue {
        guard let members = json.objectValue, keys.contains(where: { members[$0] != nil }) else {
            throw MinerReadError("not \(what) (none of \(keys.joined(separator: ", ")))")
        }
        return json
    }
}

extension MinerSnapshot {
    /// An empty snapshot of the software that names itself `"name version"` in `value`
    /// (lolMiner's `Software`, GMiner's `miner`), else of `fallback`, version unknown.
    init(naming value: JSONValue?, otherwise fallback: String) {
        self.init()
        let named = MinerField.softwareAndVersion(value)
        software = named?.software ?? fallback
        version = named?.version
    }

    /// The share counters of `record`, under its miner's names for them; a name not given, or a
    /// counter missing or out of range, leaves that counter unknown.
    mutating func readShares(_ record: JSONValue?, accepted: String, rejected: String, stale: String? = nil, errors: String? = nil) {
        self.accepted = MinerField.count(record?[accepted])
        self.rejected = MinerField.count(record?[rejected])
        self.stale = stale.flatMap { MinerField.count(record?[$0]) }
        hardwareErrors = errors.flatMap { MinerField.count(record?[$0]) }
    }
}
