/// The RandomX revision a VM computes.
///
/// v2 (Monero's fork to "rx/2") changes the VM only: CFROUND changes the rounding mode on about
/// 1 in 16 executions, the F and E registers are mixed with AES instead of XOR, programs have 384
/// instructions instead of 256 and the dataset is prefetched two iterations ahead. The cache and
/// the dataset are the same for both, so one ``RandomXDataset`` serves VMs of either version.
public enum RandomXVersion: Int, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case v1 = 1
    case v2 = 2

    /// The name pools and xmrig use: "rx/0" (v1, Monero's RandomX) and "rx/2".
    public var stratumName: String {
        switch self {
        case .v1: "rx/0"
        case .v2: "rx/2"
        }
    }

    public var description: String { stratumName }

    /// The version a pool's algorithm name stands for ("rx/0", "rx/2", and xmrig's "randomx",
    /// "rx", "RandomX"); nil for any other algorithm (rx/wow, rx/arq, cn/...).
    public init?(stratumName: String) {
        switch stratumName.lowercased() {
        case "rx/0", "randomx", "rx", "randomx-v1": self = .v1
        case "rx/2", "randomx-v2", "randomxv2", "rx/v2": self = .v2
        default: return nil
        }
    }
}
