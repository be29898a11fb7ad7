import Foundation
import Synchronization

/// Where rigtop writes lines: standard output, standard error, a `--log` file. A write that fails
/// (a full disk, `/dev/full`, a pipe whose reader went away) is counted and reported once, on
/// standard error when that still works; it never stops the miner, which is the point of a miner.
///
/// Writes go straight to the file descriptor (`write(2)`, retried on `EINTR` and partial writes):
/// Foundation's `FileHandle.write` ends the process on the first failed write.
final class OutputChannel: Sendable {
    static let standardOutput = OutputChannel(descriptor: 1, name: "standard output")
    static let standardError = OutputChannel(descriptor: 2, name: "standard error")

    let name: String
    private let descriptor: Int32
    private let owned: Bool
    private let state = Mutex<(failures: Int, reported: Bool)>((0, false))

    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        owned = false
    }

    /// Opens `path` for appending (creating it, mode 0644).
    init(appendingTo path: String) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [
                NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "cannot open \(path): \(String(cString: strerror(errno)))"])
        }
        descriptor = fd
        name = path
        owned = true
    }

    deinit { if owned { close(descriptor) } }

    /// Writes `text` whole; false (counted, reported once) when it could not.
    @discardableResult
    func write(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        var failure: Int32 = 0
        var offset = 0
        bytes.withUnsafeMutableBytes { buffer in
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    failure = written < 0 ? errno : EIO
                    break
                }
            }
        }
        guard failure != 0 else { return true }
        let first = state.withLock { state -> Bool in
            state.failures += 1
            defer { state.reported = true }
            return !state.reported
        }
        if first, self !== Self.standardError {
            Self.standardError.write("rigtop: writing to \(name) failed (\(String(cString: strerror(failure)))); "
                                     + "mining goes on, later failures are counted\n")
        }
        return false
    }

    /// Writes that failed so far.
    var failures: Int { state.withLock { $0.failures } }
}
