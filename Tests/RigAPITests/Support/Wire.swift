import Foundation
import Glibc

/// Blocking IPv4 sockets for the live tests: what a rig manager, `curl` or an abusive client sends,
/// byte for byte. Every call runs on a thread of its own (``offPool(_:)``), never on the Swift
/// concurrency pool, whose few threads the rig's own tasks need.
enum Wire {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// How a read ended.
    enum End: Equatable, CustomStringConvertible {
        /// The peer closed the connection (EOF).
        case closed
        /// The peer reset the connection (ECONNRESET and the like).
        case reset
        /// The caller's completion test said the bytes are a whole reply; the connection is still open.
        case complete
        /// Nothing more arrived within the time given.
        case timedOut

        var description: String {
            switch self {
            case .closed: "closed"
            case .reset: "reset"
            case .complete: "complete"
            case .timedOut: "timed out"
            }
        }
    }

    /// A connected socket to 127.0.0.1:`port`; sends never raise SIGPIPE, a send that cannot make
    /// progress for `sendSeconds` fails.
    static func connect(port: Int, sendSeconds: Int = 5) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket: errno \(errno)") }
        var timeout = timeval(tv_sec: sendSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw Failure("connect to 127.0.0.1:\(port): errno \(code)")
        }
        return fd
    }

    /// Sends all of `bytes`; false when the peer closed or reset the connection, or the send stalled.
    @discardableResult
    static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += sent
        }
        return true
    }

    @discardableResult
    static func send(_ fd: Int32, _ text: String) -> Bool { send(fd, Array(text.utf8)) }

    /// Reads until the peer closes, `complete` accepts the bytes read so far, or `seconds` pass
    /// with the reply unfinished.
    static func receive(_ fd: Int32, seconds: Double, complete: ([UInt8]) -> Bool = { _ in false })
        -> (bytes: [UInt8], end: End)
    {
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return (bytes, .timedOut) }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(max(1, min(remaining * 1000, 60_000))))
            if ready < 0 {
                if errno == EINTR { continue }
                return (bytes, .reset)
            }
            if ready == 0 { continue }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return (bytes, .closed) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return (bytes, .reset)
            }
            bytes += chunk[0..<count]
            if complete(bytes) { return (bytes, .complete) }
        }
    }

    /// Whether the peer has closed (or reset) the connection within `seconds`, reading and
    /// discarding anything it sends first.
    static func waitForClose(_ fd: Int32, seconds: Double) -> Bool {
        let end = receive(fd, seconds: seconds).end
        return end == .closed || end == .reset
    }
}

/// Runs blocking work on a thread of its own and awaits its result.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 1 << 20
        thread.start()
    }
}

