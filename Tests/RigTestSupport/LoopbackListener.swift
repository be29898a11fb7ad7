import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 (a port the kernel picks) that hands each accepted connection to
/// `serve` on a thread of its own, one connection at a time: the peer of a fake miner API. Plain
/// sockets, so a fake shares no code with the client under test.
public final class LoopbackListener: Sendable {
    public let port: Int
    private let listener: Int32
    private let stopped = Atomic<Bool>(false)

    /// Listens and starts accepting; `serve` gets the connection's descriptor and closes nothing
    /// (the listener closes it after `serve` returns).
    public init(serve: @escaping @Sendable (Int32) -> Void) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = listener >= 0 && withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 16) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard listening else { throw ChildProcessError.system("cannot listen on 127.0.0.1", errno) }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread {
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                serve(client)
                close(client)
            }
        }
        thread.start()
    }

    /// Stops accepting: the thread's accept fails and it ends; a client then gets "connection
    /// refused". Once only: a second close could close a descriptor reused meanwhile.
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// One HTTP/1.1 request read from `client`: its head and its body (by `Content-Length`); nil
    /// when the peer closed first. At most 1 MiB.
    public static func readHTTPRequest(_ client: Int32) -> (head: String, body: String)? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < 1 << 20 {
            let text = String(decoding: received, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let head = String(text[..<end.lowerBound])
                let length = head.split(separator: "\r\n")
                    .first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") } ?? 0
                let body = String(text[end.upperBound...])
                if body.utf8.count >= length { return (head, body) }
            }
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { return nil }
            received += buffer.prefix(count)
        }
        return nil
    }

    /// Writes an HTTP/1.1 answer with a JSON body and `Connection: close`.
    public static func writeHTTP(_ client: Int32, status: Int, json body: String) {
        let answer = Array(("HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\n\r\n" + body).utf8)
        var sent = 0
        while sent < answer.count {
            let count = answer[sent...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            sent += count
        }
    }
}
