import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import RigEngine
import RigInput

/// A node that says what a test tells it to: an HTTP server on loopback answering each JSON-RPC
/// method with a canned status and body, for the replies a real node never sends (1e300 heights,
/// error strings, escape codes).
final class FakeNode: Sendable {
    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    /// - Parameter reply: the HTTP status and body for a method.
    init(reply: @escaping @Sendable (_ method: String) -> (status: Int, body: String)) async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Responder(reply: reply))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async { try? await channel.close() }

    /// Collects one request and answers it. Lives on its channel's event loop only.
    private final class Responder: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let reply: @Sendable (String) -> (status: Int, body: String)
        var body = ByteBuffer()

        init(reply: @escaping @Sendable (String) -> (status: Int, body: String)) { self.reply = reply }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head: body.clear()
            case .body(var part): body.writeBuffer(&part)
            case .end:
                let request = try? JSONValue.parse(String(buffer: body))
                let (status, text) = reply(request?["method"]?.stringValue ?? "")
                var head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status))
                head.headers.add(name: "Content-Type", value: "application/json")
                head.headers.add(name: "Content-Length", value: String(text.utf8.count))
                head.headers.add(name: "Connection", value: "close")
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
            }
        }
    }
}
