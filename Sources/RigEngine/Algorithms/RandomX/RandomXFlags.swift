/// `randomx_flags`, the option bits of the RandomX C API (values from `randomx.h`; rigtop's `CRandomX.h` uses the same).
public struct RandomXFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Allocate with 2 MiB pages (needs `vm.nr_hugepages`); allocation fails otherwise.
    public static let largePages = RandomXFlags(rawValue: 1)
    public static let hardAES = RandomXFlags(rawValue: 2)
    /// The VM reads the 2 GiB dataset instead of computing items from the cache.
    public static let fullMemory = RandomXFlags(rawValue: 4)
    public static let jit = RandomXFlags(rawValue: 8)
    public static let secure = RandomXFlags(rawValue: 16)
    public static let argon2SSSE3 = RandomXFlags(rawValue: 32)
    public static let argon2AVX2 = RandomXFlags(rawValue: 64)
    /// RandomX v2 (`RANDOMX_FLAG_V2` of RandomX 2.0; rigtop's `RTX_FLAG_V2`). VMs only.
    public static let v2 = RandomXFlags(rawValue: 128)
}
