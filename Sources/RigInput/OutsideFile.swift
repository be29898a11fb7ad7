#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A text file a person names (a config file, a token file, a theme): read whole, with an error
/// that says what the path is and why it cannot be read.
///
/// Foundation's reader tells root "You don't have permission" for `/dev/null` or a FIFO, and
/// "NSCocoaErrorDomain error 256" for a directory. Here the file is opened without blocking (a
/// FIFO with no writer must not hang the start), checked to be a regular file, read up to a size
/// cap (`/dev/zero` or a 10 GB file must not fill memory), and decoded as UTF-8.
public enum OutsideFile {
    /// Why a file could not be read, said so that a person can act on it.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case notFound
        case system(String)
        case directory
        case notRegular(String)
        case tooLarge(limit: Int)
        case notUTF8

        public var description: String {
            switch self {
            case .notFound: "no such file"
            case .system(let reason): reason
            case .directory: "a directory, not a file"
            case .notRegular(let kind): "\(kind), not a regular file"
            case .tooLarge(let limit): "larger than \(limit) bytes"
            case .notUTF8: "not UTF-8 text"
            }
        }
    }

    /// The text of the regular file at `path`, at most `limit` bytes.
    public static func text(atPath path: String, limit: Int = 1 << 20) throws(Failure) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        if fd < 0 {
            let code = errno
            throw code == ENOENT ? .notFound : .system(String(cString: strerror(code)).lowercased())
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .system(String(cString: strerror(errno)).lowercased()) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .directory
        case S_IFIFO: throw .notRegular("a FIFO (named pipe)")
        case S_IFCHR: throw .notRegular("a character device")
        case S_IFBLK: throw .notRegular("a block device")
        case S_IFSOCK: throw .notRegular("a socket")
        default: throw .notRegular("something else")
        }
        guard info.st_size <= limit else { throw .tooLarge(limit: limit) }
        let (bytes, failure) = readAll(descriptor: fd, limit: limit + 1)
        if failure != 0 { throw .system(String(cString: strerror(failure)).lowercased()) }
        // A file that grew while it was read.
        guard bytes.count <= limit else { throw .tooLarge(limit: limit) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8 }
        return text
    }

    /// Reads `descriptor` to its end or to `limit` bytes, retrying on EINTR; the errno of a
    /// failed read, else 0. A stack buffer, no Foundation: sensor samples read hundreds of files.
    public static func readAll(descriptor: Int32, limit: Int) -> (bytes: [UInt8], errno: Int32) {
        var bytes: [UInt8] = []
        var failure: Int32 = 0
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, min(limit, 65536))) { buffer in
            while bytes.count < limit {
                let got = read(descriptor, buffer.baseAddress, min(buffer.count, limit - bytes.count))
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { return }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<got]))
            }
        }
        return (bytes, failure)
    }
}
