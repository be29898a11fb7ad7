import RigInput
import Glibc

/// The directory that stands for `/` when reading sysfs and procfs.
///
/// Every reader takes one, so that the same code runs on the live system (`SysfsRoot()`) and on a
/// captured fixture tree (`SysfsRoot("../shared/fixtures/node_exporter")`). Paths given to its
/// methods are relative to the root and have no leading slash (`"sys/class/hwmon"`).
///
/// Reads use `open`/`read`/`close` with a stack buffer, not Foundation: a sample reads a few hundred
/// small files, and a full sample of a 10-chip tree must cost a few milliseconds.
public struct SysfsRoot: Sendable, Hashable {
    /// The root directory with symlinks resolved and no trailing slash (`""` for `/`).
    public let path: String

    /// A root at `path` (default `/`). The path is resolved with `realpath` once, so that link
    /// targets inside the tree can be reported relative to it.
    public init(_ path: String = "/") {
        var resolved = path
        if let real = realpath(path, nil) {
            resolved = String(cString: real)
            free(real)
        }
        while resolved.hasSuffix("/") { resolved.removeLast() }
        self.path = resolved
    }

    /// The absolute path of `relative` inside the root.
    public func absolute(_ relative: String) -> String {
        path + "/" + relative
    }

    // MARK: Reading files

    /// The bytes of a file, at most `limit` of them (sysfs attributes are at most one page).
    func readBytes(_ relative: String, limit: Int = 4096) -> Result<[UInt8], ReadingError> {
        // O_NONBLOCK: a FIFO planted in a tree must not hang a sample; regular and sysfs files ignore it.
        let fd = open(absolute(relative), O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { return .failure(ReadingError(errno: errno)) }
        defer { close(fd) }
        let (bytes, failure) = OutsideFile.readAll(descriptor: fd, limit: limit)
        if failure != 0 { return .failure(ReadingError(errno: failure)) }
        return .success(bytes)
    }

    /// The text of a file with surrounding whitespace and NUL bytes trimmed (a capture of an
    /// amdgpu `name` holds `"amdgpu\n"` and 4089 NULs). Empty text is `.empty`. Names and labels
    /// end up on terminals and in logs, so control characters come back escaped
    /// (``OutsideText``) and the text is at most 200 characters.
    public func readText(_ relative: String, limit: Int = 4096) -> Result<String, ReadingError> {
        readBytes(relative, limit: limit).flatMap { bytes in
            let text = SysfsRoot.trimmed(bytes)
            return text.isEmpty ? .failure(.empty) : .success(OutsideText.escaped(text))
        }
    }

    /// A file holding one integer, as most sysfs attributes do (`"44000\n"`, `"-273150\n"`).
    public func readInteger(_ relative: String) -> Result<Int64, ReadingError> {
        readBytes(relative, limit: 128).flatMap(SysfsRoot.parseInteger)
    }

    static func trimmed(_ bytes: [UInt8]) -> String {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0 || byte == 32 || (9...13).contains(byte) }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }),
              let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// Sysfs integers beyond ±2^53 cannot be held exactly as the `Double`s rigtop computes with,
    /// and no sensor or counter reaches them: such a value is refused, not converted.
    static let plausibleMagnitude: Int64 = 1 << 53

    static func parseInteger(_ bytes: [UInt8]) -> Result<Int64, ReadingError> {
        let text = trimmed(bytes)
        if text.isEmpty { return .failure(.empty) }
        if let value = try? UntrustedNumber.whole(text: text, "sysfs value", in: -plausibleMagnitude...plausibleMagnitude) {
            return .success(value)
        }
        let shown = OutsideText.escaped(text.prefix(32))
        return .failure(Int64(text) == nil ? .notANumber(shown) : .outOfRange(shown))
    }

    // MARK: Directories and links

    /// One name in a directory listing.
    struct Entry: Sendable {
        var name: String
        /// `d_type`: `DT_DIR`, `DT_LNK`, `DT_REG`, or `DT_UNKNOWN` on file systems that do not say.
        var type: UInt8
    }

    /// The names in a directory, without `.` and `..`, in no particular order.
    func list(_ relative: String) -> Result<[Entry], ReadingError> {
        guard let dir = opendir(absolute(relative)) else { return .failure(ReadingError(errno: errno)) }
        defer { closedir(dir) }
        var entries: [Entry] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            entries.append(Entry(name: name, type: entry.pointee.d_type))
        }
        return .success(entries)
    }

    /// Whether `relative` is a directory, following symlinks.
    public func isDirectory(_ relative: String) -> Bool {
        var info = stat()
        return stat(absolute(relative), &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether anything (following symlinks) exists at `relative`.
    public func exists(_ relative: String) -> Bool {
        access(absolute(relative), F_OK) == 0
    }

    /// The text of the symlink at `relative`, or nil when it is not a symlink.
    public func linkText(_ relative: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(absolute(relative), &buffer, Int(PATH_MAX))
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Where `relative` leads once every symlink is followed, relative to the root; nil when the
    /// target does not exist or lies outside the root.
    public func resolve(_ relative: String) -> String? {
        guard let real = realpath(absolute(relative), nil) else { return nil }
        defer { free(real) }
        let full = String(cString: real)
        if path.isEmpty { return String(full.dropFirst()) }
        guard full.hasPrefix(path + "/") else { return full == path ? "" : nil }
        return String(full.dropFirst(path.count + 1))
    }
}
