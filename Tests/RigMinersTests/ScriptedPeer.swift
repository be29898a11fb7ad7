import NIOCore
import NIOPosix

/// A TCP peer on 127.0.0.1 that answers each connection's first request as a test scripts it:
/// a fixed answer, silence, an endless stream, or a close. It shares no code with the readers,
/// so it speaks the protocols as the tests write them down, not as the readers assume them.
final class ScriptedPeer: Sendable {
    enum Behaviour: Sendable {
        /// Send these bytes, then close.
        case answer([UInt8])
        /// Accept and never answer.
        case silent
        /// Send 64 KiB chunks until the client goes away.
        case endless(prefix: [UInt8])
        /// Close at once.
        case close
    }

    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    /// `script` sees each request (the bytes up to the first NUL, newline-free; a whole HTTP
    /// head for HTTP) and picks the behaviour.
    init(http: Bool = false, script: @escaping @Sendable (String) -> Behaviour) async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(Handler(http: http, script: script))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async {
        try? await channel.close()
    }

    /// An HTTP/1.1 answer with a body.
    static func http(_ status: Int, _ body: String) -> Behaviour {
        let head = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        return .answer(Array((head + body).utf8))
    }

    final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let http: Bool
        let script: @Sendable (String) -> Behaviour
        var received: [UInt8] = []
        var answered = false

        init(http: Bool, script: @escaping @Sendable (String) -> Behaviour) {
            self.http = http
            self.script = script
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !answered else { return }
            received += unwrapInboundIn(data).readableBytesView
            let text = String(decoding: received, as: UTF8.self)
            if http, !text.contains("\r\n\r\n") { return }
            answered = true
            switch script(text) {
            case .answer(let bytes):
                let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes))).whenComplete { _ in bound.value.close(promise: nil) }
            case .silent:
                break
            case .endless(let prefix):
                context.write(wrapOutboundOut(ByteBuffer(bytes: prefix)), promise: nil)
                writeForever(context: context)
            case .close:
                context.close(promise: nil)
            }
        }

        func writeForever(context: ChannelHandlerContext) {
            let chunk = ByteBuffer(repeating: UInt8(ascii: "7"), count: 64 << 10)
            // Callbacks run on the channel's event loop, where the handler and context live.
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(chunk)).whenComplete { result in
                let (handler, context) = bound.value
                if case .success = result, context.channel.isActive { handler.writeForever(context: context) }
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
