#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One RandomX virtual machine over one ``RandomXDataset``: scratchpad, JIT code, registers.
///
/// Not `Sendable`: a VM belongs to one thread (librandomx VMs are not thread-safe). It keeps its
/// dataset alive.
public final class RandomXVM {
    public let dataset: RandomXDataset
    /// The RandomX revision this VM computes.
    public let version: RandomXVersion
    /// Whether the 2 MiB scratchpad got a large page.
    public let largePages: Bool
    private let library: RandomXLibrary
    let vm: OpaquePointer

    /// Creates a VM for `version`, trying large pages for the scratchpad first. The dataset serves
    /// either version: RandomX v2 changes only the VM.
    public init(dataset: RandomXDataset, version: RandomXVersion = .v1) throws(RandomXDatasetError) {
        self.dataset = dataset
        self.version = version
        library = dataset.library
        if version == .v2, !library.supportsV2 {
            throw .unsupported(RandomXLibraryError.unsupportedVersion(engine: library.engine, version: version).description)
        }
        let flags = version == .v2 ? dataset.vmFlags.union(.v2) : dataset.vmFlags
        var vm = library.createVM(flags.union(.largePages).rawValue, dataset.cache, dataset.dataset)
        largePages = vm != nil
        if vm == nil { vm = library.createVM(flags.rawValue, dataset.cache, dataset.dataset) }
        guard let vm else { throw .allocationFailed("VM") }
        self.vm = vm
    }

    deinit { library.destroyVM(vm) }

    /// The 32-byte RandomX hash of `input`, in the order the library writes it.
    public func hash(_ input: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        Self.keepingFloatingPointEnvironment {
            input.withUnsafeBytes { input in
                output.withUnsafeMutableBytes { library.calculateHash(vm, input.baseAddress, input.count, $0.baseAddress) }
            }
        }
        return output
    }

    /// The value a share is judged by: the hash under v1, the commitment of the hash under v2
    /// (as xmrig and Monero's v17 compare the commitment with the target).
    public func proofOfWork(_ input: [UInt8]) -> [UInt8] {
        let digest = hash(input)
        return version == .v2 ? RandomXLibrary.commitment(input: input, hash: digest) : digest
    }

    /// Runs `body` (RandomX hashing) and then puts the thread's floating-point environment back.
    ///
    /// RandomX programs set the SSE rounding mode (MXCSR) and librandomx returns with it still
    /// set. A worker thread would not mind, but the same VM code runs on shared threads too (share
    /// verification, `rigtop hash`), where round-upward would skew every later figure a little.
    /// Saving and restoring costs well under a microsecond, once per call or per batch.
    @inline(__always)
    static func keepingFloatingPointEnvironment<T>(_ body: () -> T) -> T {
        var environment = fenv_t()
        fegetenv(&environment)
        defer { fesetenv(&environment) }
        return body()
    }

    /// Starts a pipelined run: the program for `input` is prepared, nothing is written.
    @inline(__always)
    func hashFirst(_ input: UnsafeRawPointer, count: Int) {
        library.calculateHashFirst(vm, input, count)
    }

    /// Finishes the previous input's hash into `output` and prepares `input`.
    @inline(__always)
    func hashNext(_ input: UnsafeRawPointer, count: Int, output: UnsafeMutableRawPointer) {
        library.calculateHashNext(vm, input, count, output)
    }

    /// Finishes the last input's hash into `output`; the VM is then free for ``hash(_:)``.
    @inline(__always)
    func hashLast(output: UnsafeMutableRawPointer) {
        library.calculateHashLast(vm, output)
    }
}
