internal import CHashKernels

/// One implementation of an algorithm's hot loop, as the CPU can run it.
///
/// Names match what `rigtop bench --json` reports in `kernel`.
public enum HashKernel: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case sha256dSHANI = "sha-ni"
    case sha256dAVX512 = "avx512"
    case sha256dAVX2 = "avx2"
    case sha256dGeneric = "generic"
    case scryptAVX512 = "scrypt-avx512"
    case scryptAVX2 = "scrypt-avx2"
    case scryptSSE2 = "scrypt-sse2"
    case scryptGeneric = "scrypt-generic"
    /// RandomX v1 VMs reading the 2 GiB dataset (falls back to light when it cannot be allocated).
    case randomxFull = "randomx-full"
    /// RandomX v1 VMs computing dataset items from the 256 MiB cache.
    case randomxLight = "randomx-light"
    /// RandomX v2 VMs reading the dataset.
    case randomxV2Full = "randomx-v2-full"
    /// RandomX v2 VMs computing dataset items from the cache.
    case randomxV2Light = "randomx-v2-light"

    public var description: String { rawValue }

    /// The name shown to users: the SIMD flavour without the algorithm prefix.
    public var flavour: String {
        for prefix in ["scrypt-", "randomx-v2-", "randomx-"] where rawValue.hasPrefix(prefix) {
            return String(rawValue.dropFirst(prefix.count))
        }
        return rawValue
    }

    public var algorithm: HashAlgorithm {
        switch self {
        case .sha256dSHANI, .sha256dAVX512, .sha256dAVX2, .sha256dGeneric: .sha256d
        case .scryptAVX512, .scryptAVX2, .scryptSSE2, .scryptGeneric: .scrypt
        case .randomxFull, .randomxLight: .randomx
        case .randomxV2Full, .randomxV2Light: .randomxV2
        }
    }

    /// The RandomX memory mode of a RandomX kernel; nil for the others.
    public var randomXMode: RandomXMode? {
        switch self {
        case .randomxFull, .randomxV2Full: .full
        case .randomxLight, .randomxV2Light: .light
        default: nil
        }
    }

    /// The RandomX kernel of `version` in `mode`.
    public static func randomX(_ version: RandomXVersion, mode: RandomXMode) -> HashKernel {
        switch (version, mode) {
        case (.v1, .full): .randomxFull
        case (.v1, .light): .randomxLight
        case (.v2, .full): .randomxV2Full
        case (.v2, .light): .randomxV2Light
        }
    }

    /// Whether this CPU (and OS) can execute the kernel.
    public var isSupported: Bool {
        switch self {
        case .sha256dSHANI: rig_cpu_has_sha_ni() != 0
        case .sha256dAVX512, .scryptAVX512: rig_cpu_has_avx512() != 0
        case .sha256dAVX2, .scryptAVX2: rig_cpu_has_avx2() != 0
        case .scryptSSE2:
            #if arch(x86_64)
            true
            #else
            false
            #endif
        case .sha256dGeneric, .scryptGeneric: true
        case .randomxFull, .randomxLight, .randomxV2Full, .randomxV2Light:
            true  // the engine picks JIT/AES itself; availability is the algorithm's
        }
    }

    /// The C entry point of a SHA-256d kernel.
    var sha256dScan: rig_sha256d_scan_fn? {
        switch self {
        case .sha256dSHANI: rig_sha256d_scan_shani
        case .sha256dAVX512: rig_sha256d_scan_avx512
        case .sha256dAVX2: rig_sha256d_scan_avx2
        case .sha256dGeneric: rig_sha256d_scan_generic
        default: nil
        }
    }

    typealias ScryptFunction = @convention(c) (
        UnsafePointer<UInt8>?, UnsafeMutablePointer<UInt8>?, UInt32, UnsafeMutableRawPointer?
    ) -> Void

    /// The C entry point of a scrypt kernel and the lane count it prefers.
    var scrypt: (function: ScryptFunction, lanes: UInt32)? {
        switch self {
        case .scryptAVX512: (rig_scrypt_avx512, rig_scrypt_preferred_lanes_avx512())
        case .scryptAVX2: (rig_scrypt_avx2, rig_scrypt_preferred_lanes_avx2())
        case .scryptSSE2: (rig_scrypt_sse2, rig_scrypt_preferred_lanes_sse2())
        case .scryptGeneric: (rig_scrypt_generic, rig_scrypt_preferred_lanes_generic())
        default: nil
        }
    }
}
