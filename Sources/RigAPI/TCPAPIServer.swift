import NIOCore
import NIOPosix
import Synchronization

/// A request-reply TCP server for the miner APIs that predate HTTP (cgminer's on 4028,
/// cpuminer's on 4048): the client connects, sends one request, reads one reply, and the server
/// closes the connection.
///
/// A request is complete when ``complete`` says so for the bytes read so far, or when the client
/// half-closes. Limits keep a bad client from hurting the rig: `maximumRequestBytes`, a deadline
/// for the whole request, and a cap on connections served at once (more are closed at once).
public final class TCPAPIServer: Sendable {
    public struct Limits: Sendable {
        public var maximumRequestBytes = 64 * 1024
        public var requestSeconds: Int64 = 10
        public var connections = 64
        public init() {}
    }

    /// The reply for a complete request.
    public typealias Responder = @Sendable (_ request: [UInt8]) -> [UInt8]
    /// Whether the bytes read so far are a whole request.
    public typealias Completeness = @Sendable (_ bytes: [UInt8]) -> Bool

    public let endpoint: APIEndpoint
    private let name: String
    private let responder: Responder
    private let complete: Completeness
    private let limits: Limits
    private let channel = Mutex<(any Channel)?>(nil)
    private let open = Atomic<Int>(0)

    public init(name: String, endpoint: APIEndpoint, limits: Limits = Limits(),
                complete: @escaping Completeness, responder: @escaping Responder) {
        self.name = name
        self.endpoint = endpoint
        self.limits = limits
        self.complete = complete
        self.responder = responder
    }

    /// The port in use after ``start()``.
    public var port: Int { channel.withLock { $0?.localAddress?.port } ?? 0 }

    public func start() async throws {
        let (responder, complete, limits) = (responder, complete, limits)
        let server = self
        do {
            let bound = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            TCPRequestHandler(server: server, limits: limits, complete: complete, responder: responder))
                    }
                }
                .bind(host: endpoint.host, port: endpoint.port).get()
            channel.withLock { $0 = bound }
        } catch {
            throw APIStartError("cannot serve the \(name) API on \(endpoint): \(error)")
        }
    }

    public func stop() async {
        let bound = channel.withLock { $0 }
        try? await bound?.close()
    }

    /// Counts a connection in; false when the server is full.
    fileprivate func admit() -> Bool {
        if open.wrappingAdd(1, ordering: .relaxed).newValue > limits.connections {
            open.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    fileprivate func release() { open.wrappingSubtract(1, ordering: .relaxed) }
}

/// One connection: gathers the request, answers once, closes.
private final class TCPRequestHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let server: TCPAPIServer
    private let limits: TCPAPIServer.Limits
    private let complete: TCPAPIServer.Completeness
    private let responder: TCPAPIServer.Responder
    private var request: [UInt8] = []
    private var answered = false
    private var admitted = false
    private var timer: Scheduled<Void>?

    init(server: TCPAPIServer, limits: TCPAPIServer.Limits, complete: @escaping TCPAPIServer.Completeness,
         responder: @escaping TCPAPIServer.Responder) {
        self.server = server
        self.limits = limits
        self.complete = complete
        self.responder = responder
    }

    func channelActive(context: ChannelHandlerContext) {
        guard server.admit() else {
            context.close(promise: nil)
            return
        }
        admitted = true
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: .seconds(limits.requestSeconds)) { channel.close(promise: nil) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        if admitted { server.release() }
        admitted = false
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        var buffer = unwrapInboundIn(data)
        guard request.count + buffer.readableBytes <= limits.maximumRequestBytes else {
            answered = true
            context.close(promise: nil)
            return
        }
        request += buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if !answered, !request.isEmpty, complete(request) { answer(context) }
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            if !answered, !request.isEmpty { answer(context) } else if !answered { context.close(promise: nil) }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func answer(_ context: ChannelHandlerContext) {
        answered = true
        timer?.cancel()
        let reply = responder(request)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: reply))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
