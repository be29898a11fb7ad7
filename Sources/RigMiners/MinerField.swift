import Foundation
import RigEngine
import RigInput

/// One field of a miner's answer made into a figure, or nil: every value passes
/// `UntrustedNumber` or `OutsideText`, so 1e300, a negative fan or a string where a number
/// belongs drops that field and never traps.
///
/// Miners send numbers both as JSON numbers and as text (Antminer's `"GHS 5s":"16346.64"`,
/// cgminer's `"Diff":" 69.2461"`), so both are taken.
enum MinerField {
    /// The largest rate believed, H/s: about 1,000 times the whole Bitcoin network's.
    static let rates = 0.0...1e24
    /// °C; cgminer reports 0 for a sensor slot with nothing in it, so 0 is no reading.
    static let temperatures = -60.0...400.0

    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .number(let number)?: return number.isFinite ? number : nil
        case .string(let text)?: return try? UntrustedNumber.finite(text: text, "number", in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
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
