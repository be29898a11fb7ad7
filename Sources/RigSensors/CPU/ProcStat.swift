/// CPU time counters from `/proc/stat`, in USER_HZ ticks.
public struct ProcStat: Sendable, Hashable {
    /// The `cpu` line: all CPUs together.
    public var total: CPUTimes?
    /// `cpuN` lines by N.
    public var perCPU: [Int: CPUTimes]

    /// Reads and parses `proc/stat` under `root`.
    public static func read(root: SysfsRoot) -> Result<ProcStat, ReadingError> {
        root.readBytes("proc/stat", limit: 1 << 20).flatMap { bytes in
            let stat = parse(String(decoding: bytes, as: UTF8.self))
            return stat.total == nil && stat.perCPU.isEmpty ? .failure(.empty) : .success(stat)
        }
    }

    /// Parses `/proc/stat` text; lines other than `cpu`/`cpuN` are ignored.
    public static func parse(_ text: String) -> ProcStat {
        var stat = ProcStat(total: nil, perCPU: [:])
        for line in text.split(separator: "\n") where line.hasPrefix("cpu") {
            let fields = line.split(separator: " ")
            guard fields.count >= 5 else { continue }
            let numbers = fields.dropFirst().map { UInt64($0) ?? 0 }
            func field(_ i: Int) -> UInt64 { i < numbers.count ? numbers[i] : 0 }
            let times = CPUTimes(user: field(0), nice: field(1), system: field(2), idle: field(3),
                                 iowait: field(4), irq: field(5), softirq: field(6), steal: field(7))
            if fields[0] == "cpu" {
                stat.total = times
            } else if let n = Int(fields[0].dropFirst(3)) {
                stat.perCPU[n] = times
            }
        }
        return stat
    }
}

/// One `/proc/stat` cpu line. `guest` and `guest_nice` are already counted in `user` and `nice`
/// (proc(5)), so they are not added again.
public struct CPUTimes: Sendable, Hashable {
    public var user, nice, system, idle, iowait, irq, softirq, steal: UInt64

    public init(user: UInt64, nice: UInt64, system: UInt64, idle: UInt64, iowait: UInt64 = 0,
                irq: UInt64 = 0, softirq: UInt64 = 0, steal: UInt64 = 0) {
        (self.user, self.nice, self.system, self.idle) = (user, nice, system, idle)
        (self.iowait, self.irq, self.softirq, self.steal) = (iowait, irq, softirq, steal)
    }

    /// Ticks not idle. Counters come from a file: sums saturate instead of trapping on values
    /// near UInt64.max (found by the fuzzer).
    public var busy: UInt64 { [user, nice, system, irq, softirq, steal].reduce(0, Self.saturatingAdd) }
    /// All ticks.
    public var total: UInt64 { [busy, idle, iowait].reduce(0, Self.saturatingAdd) }

    private static func saturatingAdd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    /// Busy fraction (0...1) between two readings; nil when no time passed or a counter went back
    /// (CPU hot-unplugged and back).
    public static func utilisation(from old: CPUTimes, to new: CPUTimes) -> Double? {
        guard new.total > old.total, new.busy >= old.busy else { return nil }
        return Double(new.busy - old.busy) / Double(new.total - old.total)
    }
}
