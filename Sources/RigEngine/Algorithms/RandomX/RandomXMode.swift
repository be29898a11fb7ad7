import Foundation

/// How RandomX VMs get dataset items.
public enum RandomXMode: String, Sendable, Codable, CustomStringConvertible {
    /// Items are read from the 2080 MiB dataset: the mining mode (≈ 8–10× light mode's rate).
    case full
    /// Items are computed from the 256 MiB cache on the fly: for verification and small machines.
    case light

    public var description: String { rawValue }

    /// Bytes a full-mode rig needs beyond the process: the dataset (2080 MiB), the cache (256 MiB)
    /// and some room for the VMs' 2 MiB scratchpads and the rest of the system.
    static let fullModeBytes: UInt64 = (2080 + 256 + 128) << 20

    /// Full mode when `/proc/meminfo`'s `MemAvailable` leaves room for the dataset, else light.
    /// Where the file cannot be read (not Linux), full mode.
    public static func automatic(meminfo path: String = "/proc/meminfo") -> RandomXMode {
        guard let available = memoryAvailable(meminfo: path) else { return .full }
        return available >= fullModeBytes ? .full : .light
    }

    /// `MemAvailable` in bytes (the kernel's estimate of memory usable without swapping).
    static func memoryAvailable(meminfo path: String) -> UInt64? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let digits = line.dropFirst("MemAvailable:".count).filter(\.isNumber)
            return UInt64(digits).map { $0 * 1024 }  // the file's unit is kB (KiB)
        }
        return nil
    }
}
