#if canImport(Glibc)
import Glibc
#endif

/// A TCP port on 127.0.0.1 that nothing listens on right now, for a node a test starts.
///
/// Taken below Linux's ephemeral range (32768–60999 by default): a port the kernel handed out
/// would soon be handed out again as the local end of some outgoing connection (the tests make
/// many), and the node could not bind it. Random, so fixtures started side by side rarely meet,
/// and checked by binding it.
public enum LoopbackPort {
    public static func free() -> Int {
        for _ in 0..<100 {
            let port = Int.random(in: 20_000..<32_000)
            if canBind(port) { return port }
        }
        return Int.random(in: 20_000..<32_000)
    }

    static func canBind(_ port: Int) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
