import RigEngine
import NIOCore
import NIOPosix
import NIOSSL

/// The connection both stratum clients talk over: TCP, TLS on top for a `stratum+ssl://` pool,
/// and newline-delimited JSON lines in.
enum PoolChannel {
    /// Connects to `url`. A TLS pool is verified against the system's roots and its host name,
    /// or, with a pinned fingerprint, by the SHA-256 of its certificate alone (self-signed pool
    /// certificates are common; the pin is the trust).
    static func connect(to url: PoolURL, group: any EventLoopGroup, connectTimeout: TimeAmount,
                        log: @escaping @Sendable (String) -> Void) async throws -> NIOAsyncChannel<String, ByteBuffer> {
        let tls = try url.tls ? TLSSetup(url: url, log: log) : nil
        return try await ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: url.host, port: url.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(try tls.makeHandler()) }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(StratumLineDecoder()))
                    return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// A TLS failure in words a miner can act on; nil for any other error.
    static func describe(_ error: any Error) -> String? {
        guard let tlsError = error as? NIOSSLError else { return nil }
        if case .handshakeFailed(let reason) = tlsError, "\(reason)".contains("CERTIFICATE_VERIFY_FAILED") {
            return "TLS: the pool's certificate is not trusted (a self-signed one can be pinned: #fingerprint=<its SHA-256>)"
        }
        return "TLS: \(tlsError)"
    }

    /// What every TLS connection to one pool shares: the context and how the peer is checked.
    private struct TLSSetup: Sendable {
        let url: PoolURL
        let context: NIOSSLContext
        let hostname: String?
        let log: @Sendable (String) -> Void

        init(url: PoolURL, log: @escaping @Sendable (String) -> Void) throws {
            var configuration = TLSConfiguration.makeClientConfiguration()
            // With a pin, the callback below replaces chain validation; the handshake itself
            // still proves that the peer holds the certificate's key.
            if url.tlsFingerprint != nil { configuration.certificateVerification = .noHostnameVerification }
            context = try NIOSSLContext(configuration: configuration)
            // SNI and name checks apply to names, not to addresses.
            hostname = (try? SocketAddress(ipAddress: url.host, port: url.port)) != nil ? nil : url.host
            self.url = url
            self.log = log
        }

        func makeHandler() throws -> NIOSSLClientHandler {
            guard let pin = url.tlsFingerprint else {
                return try NIOSSLClientHandler(context: context, serverHostname: hostname)
            }
            let (url, log) = (url, log)
            return try NIOSSLClientHandler(context: context, serverHostname: hostname) { certificates, promise in
                guard let leaf = certificates.first, let der = try? leaf.toDERBytes() else {
                    promise.succeed(.failed)
                    return
                }
                let fingerprint = SHA256.hash(der)
                if fingerprint == pin {
                    promise.succeed(.certificateVerified)
                } else {
                    log("\(url): certificate fingerprint \(HexCoding.string(fingerprint)) is not the pinned \(HexCoding.string(pin))")
                    promise.succeed(.failed)
                }
            }
        }
    }
}
