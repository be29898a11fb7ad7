internal import CRandomX

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A RandomX implementation as a table of C functions with librandomx's API: rigtop's own engine
/// (``rigtop``, linked in) or the reference implementation (Debian's `librandomx0`, RandomX 1.1.10,
/// loaded at run time by ``system``).
///
/// rigtop does not link librandomx: it `dlopen`s `librandomx.so.0` on first use, so the package
/// builds and runs without it. The C signatures below are those of `randomx.h`, which rigtop's
/// `CRandomX.h` mirrors with an `rtx_` prefix; the library is never unloaded, so the function
/// pointers stay valid for the life of the process.
///
/// This type is safe to share between threads because every stored property is immutable (C
/// function pointers and constants), and both engines' functions are thread-safe on distinct VMs,
/// and on one cache or dataset as long as it is only read (hashing) or written on disjoint item
/// ranges (`randomx_init_dataset`), which ``RandomXDataset`` guarantees.
public final class RandomXLibrary: @unchecked Sendable {
    typealias GetFlags = @convention(c) () -> Int32
    typealias Allocate = @convention(c) (Int32) -> OpaquePointer?
    typealias InitCache = @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int) -> Void
    typealias Release = @convention(c) (OpaquePointer?) -> Void
    typealias ItemCount = @convention(c) () -> UInt
    typealias InitDataset = @convention(c) (OpaquePointer?, OpaquePointer?, UInt, UInt) -> Void
    typealias CreateVM = @convention(c) (Int32, OpaquePointer?, OpaquePointer?) -> OpaquePointer?
    typealias SetMemory = @convention(c) (OpaquePointer?, OpaquePointer?) -> Void
    typealias CalculateHash = @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int, UnsafeMutableRawPointer?) -> Void
    typealias HashFirst = @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int) -> Void
    typealias HashLast = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void

    /// The soname Debian's `librandomx0` installs.
    public static let soname = "librandomx.so.0"

    /// Which implementation this table calls.
    public let engine: RandomXEngine
    /// Whether VMs compute RandomX v2 when created with ``RandomXFlags/v2``: rigtop's engine does,
    /// and librandomx from 2.0 on (the release that added `randomx_calculate_commitment`).
    public let supportsV2: Bool

    let getFlags: GetFlags
    let allocCache: Allocate
    let initCache: InitCache
    let releaseCache: Release
    let allocDataset: Allocate
    let datasetItemCount: ItemCount
    let initDataset: InitDataset
    let releaseDataset: Release
    let createVM: CreateVM
    let destroyVM: Release
    let setCache: SetMemory
    let setDataset: SetMemory
    let calculateHash: CalculateHash
    let calculateHashFirst: HashFirst
    let calculateHashNext: CalculateHash
    let calculateHashLast: HashLast

    /// The library the process uses, loaded once from the dynamic linker's usual search path.
    public static let system: Result<RandomXLibrary, RandomXLibraryError> = {
        do { return .success(try RandomXLibrary()) } catch let error as RandomXLibraryError {
            return .failure(error)
        } catch {
            return .failure(.notFound(detail: "\(error)"))
        }
    }()

    /// rigtop's own engine (the `CRandomX` target), always present.
    public static let rigtop = RandomXLibrary(ownEngine: ())

    private init(ownEngine: Void) {
        engine = .rigtop
        supportsV2 = true
        getFlags = rtx_get_flags
        allocCache = rtx_alloc_cache
        initCache = rtx_init_cache
        releaseCache = rtx_release_cache
        allocDataset = rtx_alloc_dataset
        datasetItemCount = rtx_dataset_item_count
        initDataset = rtx_init_dataset
        releaseDataset = rtx_release_dataset
        createVM = rtx_create_vm
        destroyVM = rtx_destroy_vm
        setCache = rtx_vm_set_cache
        setDataset = rtx_vm_set_dataset
        calculateHash = rtx_calculate_hash
        calculateHashFirst = rtx_calculate_hash_first
        calculateHashNext = rtx_calculate_hash_next
        calculateHashLast = rtx_calculate_hash_last
    }

    /// Loads `librandomx.so.0`.
    ///
    /// - Parameter directory: look only in this directory (tests point it at an empty one to
    ///   simulate a missing library); nil uses the dynamic linker's search path.
    public init(directory: String? = nil) throws(RandomXLibraryError) {
        let path = directory.map { $0.hasSuffix("/") ? $0 + Self.soname : $0 + "/" + Self.soname } ?? Self.soname
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw .notFound(detail: dlerror().map { String(cString: $0) } ?? path)
        }
        engine = .librandomx
        supportsV2 = dlsym(handle, "randomx_calculate_commitment") != nil
        func symbol<T>(_ name: String, as type: T.Type) throws(RandomXLibraryError) -> T {
            guard let pointer = dlsym(handle, name) else { throw .missingSymbol(name) }
            return unsafeBitCast(pointer, to: type)
        }
        getFlags = try symbol("randomx_get_flags", as: GetFlags.self)
        allocCache = try symbol("randomx_alloc_cache", as: Allocate.self)
        initCache = try symbol("randomx_init_cache", as: InitCache.self)
        releaseCache = try symbol("randomx_release_cache", as: Release.self)
        allocDataset = try symbol("randomx_alloc_dataset", as: Allocate.self)
        datasetItemCount = try symbol("randomx_dataset_item_count", as: ItemCount.self)
        initDataset = try symbol("randomx_init_dataset", as: InitDataset.self)
        releaseDataset = try symbol("randomx_release_dataset", as: Release.self)
        createVM = try symbol("randomx_create_vm", as: CreateVM.self)
        destroyVM = try symbol("randomx_destroy_vm", as: Release.self)
        setCache = try symbol("randomx_vm_set_cache", as: SetMemory.self)
        setDataset = try symbol("randomx_vm_set_dataset", as: SetMemory.self)
        calculateHash = try symbol("randomx_calculate_hash", as: CalculateHash.self)
        calculateHashFirst = try symbol("randomx_calculate_hash_first", as: HashFirst.self)
        calculateHashNext = try symbol("randomx_calculate_hash_next", as: CalculateHash.self)
        calculateHashLast = try symbol("randomx_calculate_hash_last", as: HashLast.self)
    }

    /// The flags the library recommends for this CPU (JIT, hardware AES, Argon2 SIMD).
    public var recommendedFlags: RandomXFlags { RandomXFlags(rawValue: getFlags()) }

    /// The number of 64-byte items in a full dataset (34 078 719 in RandomX 1.x: 2080 MiB).
    public var itemCount: Int { Int(datasetItemCount()) }

    /// RandomX v2's commitment of `hash` (the VM's output for `input`): Blake2b-256(input || hash).
    /// The same function whichever engine computed the hash.
    public static func commitment(input: UnsafeRawBufferPointer, hash: UnsafeRawPointer, into output: UnsafeMutableRawPointer) {
        rtx_calculate_commitment(input.baseAddress, input.count, hash, output)
    }

    /// ``commitment(input:hash:into:)`` on arrays, for verification and `rigtop hash`.
    public static func commitment(input: [UInt8], hash: [UInt8]) -> [UInt8] {
        precondition(hash.count == 32, "a RandomX hash is 32 bytes")
        var output = [UInt8](repeating: 0, count: 32)
        input.withUnsafeBytes { input in
            hash.withUnsafeBytes { hash in
                output.withUnsafeMutableBytes { commitment(input: input, hash: hash.baseAddress!, into: $0.baseAddress!) }
            }
        }
        return output
    }
}

/// Why RandomX cannot run.
public enum RandomXLibraryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `dlopen` failed; `detail` is `dlerror()`'s text.
    case notFound(detail: String)
    /// The library loaded but lacks a function (an incompatible build).
    case missingSymbol(String)
    /// The engine cannot compute this RandomX version (librandomx before 2.0 and v2).
    case unsupportedVersion(engine: RandomXEngine, version: RandomXVersion)

    /// The line users see (the dashboard's notice, `rigtop bench`/`hash` errors).
    public var description: String {
        switch self {
        case .notFound: "RandomX library not found: apt-get install librandomx0"
        case .missingSymbol(let name): "RandomX library lacks \(name): install librandomx0 1.1.10 or later"
        case .unsupportedVersion(let engine, let version):
            "\(engine) cannot compute RandomX \(version) (librandomx 1.x knows rx/0 only): use --randomx-engine rigtop"
        }
    }
}
