#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The time source of the stats: monotonic seconds. Injected so window maths is tested without
/// sleeping.
public protocol EngineClock: Sendable {
    /// Seconds since an arbitrary fixed point; never goes backwards.
    func seconds() -> Double
}

/// The system's monotonic clock.
public struct MonotonicEngineClock: EngineClock {
    public init() {}
    public func seconds() -> Double { monotonicSeconds() }
}
