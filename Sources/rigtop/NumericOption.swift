import RigInput

/// How every numeric flag is read: plain decimal text through RigInput's ``UntrustedNumber``, in
/// the range the flag's help documents. Anything else (`inf`, `nan`, `1e300`, `0x10`, `1_000`, a
/// value past the range) is a usage error that names the flag and the range, before anything runs.
///
/// ```swift
/// @Option(help: "Seconds to measure (0.1 to 86400).", transform: NumericOption.number(in: BenchCommand.secondsRange))
/// var seconds: Double = 10
/// ```
enum NumericOption {
    /// A number within `range`.
    static func number(in range: ClosedRange<Double>) -> @Sendable (String) throws -> Double {
        { text in
            do throws(UntrustedNumberError) {
                return try UntrustedNumber.finite(decimalText: text, "value", in: range)
            } catch { throw Refusal(error) }
        }
    }

    /// A whole number within `range`.
    static func whole(in range: ClosedRange<Int>) -> @Sendable (String) throws -> Int {
        { text in
            do throws(UntrustedNumberError) {
                return try UntrustedNumber.whole(text: text, "value", in: range)
            } catch { throw Refusal(error) }
        }
    }

    /// What ArgumentParser appends to "The value 'X' is invalid for '--flag <value>'": what was
    /// expected (the flag and the value are already said).
    struct Refusal: Error, CustomStringConvertible {
        var description: String
        init(_ error: UntrustedNumberError) { description = "expected \(error.expected)" }
        init(expected: String) { description = "expected \(expected)" }
    }
}
