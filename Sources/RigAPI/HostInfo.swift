import Foundation

/// What xmrig's API says about the machine: CPU features, memory, load. Read from /proc at the
/// time of a request (a few small files), never from the miners.
struct HostInfo: Sendable {
    var cpuFlags: Set<String> = []
    var logicalCPUs = ProcessInfo.processInfo.activeProcessorCount
    var physicalCores: Int?
    var memoryTotal: UInt64?
    var memoryFree: UInt64?
    var residentBytes: UInt64?
    var loadAverage: [Double] = []

    /// Reads the host below `root` ("/" on a live machine).
    static func read(root: String = "/") -> HostInfo {
        var info = HostInfo()
        let base = root.hasSuffix("/") ? root : root + "/"
        if let cpuinfo = try? String(contentsOfFile: base + "proc/cpuinfo", encoding: .utf8) {
            var cores: Set<String> = []
            var physical = "0"
            for line in cpuinfo.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { continue }
                switch parts[0] {
                case "flags" where info.cpuFlags.isEmpty: info.cpuFlags = Set(parts[1].split(separator: " ").map(String.init))
                case "physical id": physical = parts[1]
                case "core id": cores.insert(physical + "/" + parts[1])
                default: break
                }
            }
            if !cores.isEmpty { info.physicalCores = cores.count }
        }
        if let meminfo = try? String(contentsOfFile: base + "proc/meminfo", encoding: .utf8) {
            for line in meminfo.split(separator: "\n") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count >= 2, let kib = UInt64(fields[1]), kib < UInt64.max / 1024 else { continue }
                if fields[0] == "MemTotal:" { info.memoryTotal = kib * 1024 }
                if fields[0] == "MemAvailable:" { info.memoryFree = kib * 1024 }
            }
        }
        if root == "/", let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let fields = statm.split(separator: " ")
            let page = UInt64(max(0, sysconf(Int32(_SC_PAGESIZE))))
            if fields.count >= 2, let pages = UInt64(fields[1]), pages < UInt64.max / max(page, 1) {
                info.residentBytes = pages * page
            }
        }
        if let loadavg = try? String(contentsOfFile: base + "proc/loadavg", encoding: .utf8) {
            info.loadAverage = loadavg.split(separator: " ").prefix(3).compactMap { Double($0) }.filter(\.isFinite)
        }
        return info
    }
}
