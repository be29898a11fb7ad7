#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The RandomX reference implementation (Debian's `librandomx0`, RandomX 1.1.10), loaded at run time.
///
/// rigtop does not link librandomx: it `dlopen`s `librandomx.so.0` on first use, so the package
/// builds and runs without it, and only XMR is unavailable ("RandomX library not found") when it is
/// missing. The C signatures below are copied from `randomx.h` (RandomX 1.1.10); the library is
/// never unloaded, so the function pointers stay valid for the life of the process.
///
/// This type is safe to share between threads because every stored property is an immutable
/// C function pointer, and librandomx's functions are thread-safe on distinct VMs, and on one
/// cache or dataset as long as it is only read (hashing) or written on disjoint item ranges
/// (`randomx_init_dataset`), which ``RandomXDataset`` guarantees.
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

    /// Loads `librandomx.so.0`.
    ///
    /// - Parameter directory: look only in this directory (tests point it at an empty one to
    ///   simulate a missing library); nil uses the dynamic linker's search path.
    public init(directory: String? = nil) throws(RandomXLibraryError) {
        let path = directory.map { $0.hasSuffix("/") ? $0 + Self.soname : $0 + "/" + Self.soname } ?? Self.soname
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw .notFound(detail: dlerror().map { String(cString: $0) } ?? path)
        }
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
}

/// Why RandomX cannot run.
public enum RandomXLibraryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `dlopen` failed; `detail` is `dlerror()`'s text.
    case notFound(detail: String)
    /// The library loaded but lacks a function (an incompatible build).
    case missingSymbol(String)

    /// The line users see (the dashboard's notice, `rigtop bench`/`hash` errors).
    public var description: String {
        switch self {
        case .notFound: "RandomX library not found: apt-get install librandomx0"
        case .missingSymbol(let name): "RandomX library lacks \(name): install librandomx0 1.1.10 or later"
        }
    }
}
