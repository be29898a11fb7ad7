import Foundation
import NIOCore
import NIOPosix
import RigEngine
import RigMarket
import Synchronization
import Testing

/// A one-route HTTP server on 127.0.0.1: answers every request with the current status and body,
/// and remembers the request lines.
final class TestMarketServer: Sendable {
    struct Reply: Sendable {
        var status: Int
        var body: String
    }

    let reply = Mutex(Reply(status: 200, body: "{}"))
    let requests = Mutex<[String]>([])
    private let channel = Mutex<(any Channel)?>(nil)

    var port: Int { channel.withLock { $0?.localAddress?.port ?? 0 } }
    var baseURL: String { "http://127.0.0.1:\(port)/api/v3" }

    static func start() async throws -> TestMarketServer {
        let server = TestMarketServer()
        let bound = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(HTTPHandler(server: server))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        server.channel.withLock { $0 = bound }
        return server
    }

    func stop() async throws {
        try await channel.withLock { $0 }?.close()
    }
}

private final class HTTPHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let server: TestMarketServer
    var received = ""

    init(server: TestMarketServer) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readString(length: buffer.readableBytes) ?? ""
        guard received.contains("\r\n\r\n") else { return }
        server.requests.withLock { $0.append(received.components(separatedBy: "\r\n")[0]) }
        let reply = server.reply.withLock { $0 }
        let body = Array(reply.body.utf8)
        let head = "HTTP/1.1 \(reply.status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        var out = context.channel.allocator.buffer(capacity: head.utf8.count + body.count)
        out.writeString(head)
        out.writeBytes(body)
        context.writeAndFlush(wrapOutboundOut(out)).whenComplete { [context] _ in context.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }
}

@Suite(.serialized) struct MarketFeedTests {
    static let body = """
        {"bitcoin": {"usd": 100000.5, "last_updated_at": 1795219200},
         "monero": {"usd": 410, "difficulty": 6.0e11, "last_updated_at": 1795219200}}
        """

    @Test func refreshUpdatesPriceAndDifficultyAndAFailureKeepsTheLastValues() async throws {
        let server = try await TestMarketServer.start()
        server.reply.withLock { $0 = .init(status: 200, body: Self.body) }
        let feed = MarketFeed(baseURL: server.baseURL, timeoutSeconds: 5)
        let coins = Coin.builtIn
        let board = MarketBoard()

        board.update(try await feed.fetch(coins))
        let request = try #require(server.requests.withLock { $0.last })
        #expect(request == "GET /api/v3/simple/price?ids=bitcoin,bitcoin-cash,litecoin,dogecoin,monero&vs_currencies=usd&include_last_updated_at=true HTTP/1.1")
        let btc = board.apply(to: Coin.named("BTC")!)
        #expect(btc.priceUSD == 100000.5)
        #expect(btc.networkDifficulty == Coin.named("BTC")!.networkDifficulty)
        #expect(btc.marketDate == "2026-11-21")
        #expect(btc.marketSource == "market \(server.baseURL)")
        let xmr = board.apply(to: Coin.named("XMR")!)
        #expect(xmr.priceUSD == 410 && xmr.networkDifficulty == 6.0e11)
        // Coins the feed left out keep their data.
        #expect(board.apply(to: Coin.named("LTC")!).marketSource == "built-in snapshot")

        // A failing feed: the last values stay, and the source says the refresh failed.
        server.reply.withLock { $0 = .init(status: 503, body: "down") }
        await #expect(throws: MarketFeedError.self) { try await feed.fetch(coins) }
        let runner = Task { await feed.run(coins: coins, board: board, interval: 60) }
        for _ in 0..<100 where board.failure == nil { try await Task.sleep(nanoseconds: 20_000_000) }
        runner.cancel()
        #expect(board.failure == "HTTP 503")
        let stale = board.apply(to: Coin.named("BTC")!)
        #expect(stale.priceUSD == 100000.5)
        #expect(stale.marketSource == "market \(server.baseURL) (refresh failed: HTTP 503; last values kept)")

        // Recovery clears the failure.
        server.reply.withLock { $0 = .init(status: 200, body: Self.body) }
        board.update(try await feed.fetch(coins))
        #expect(board.failure == nil)
        try await server.stop()
    }

    @Test func unreachableFeedAndBadBodiesFail() async throws {
        await #expect(throws: (any Error).self) {
            try await MarketFeed(baseURL: "http://127.0.0.1:1", timeoutSeconds: 2).fetch(Coin.builtIn)
        }
        #expect(throws: MarketFeedError.self) {
            try MarketFeed.parse(Data("[1,2]".utf8), coins: Coin.builtIn, source: "x")
        }
        #expect(try MarketFeed.parse(Data("{}".utf8), coins: Coin.builtIn, source: "x").isEmpty)
    }
}

/// A feed that lies is refused whole, with the field that lied; nothing of it is stored.
@Suite struct HostileMarketFeedTests {
    @Test(arguments: [
        (#"{"bitcoin":{"usd":91000,"last_updated_at":1e300}}"#, "BTC last_updated_at"),
        (#"{"bitcoin":{"usd":91000,"last_updated_at":-1e300}}"#, "BTC last_updated_at"),
        (#"{"bitcoin":{"usd":-5,"last_updated_at":1795132800}}"#, "BTC price"),
        (#"{"bitcoin":{"usd":1e308,"last_updated_at":1795132800}}"#, "BTC price"),
        (#"{"bitcoin":{"usd":91000,"difficulty":1e-300,"last_updated_at":1795132800}}"#, "BTC difficulty"),
    ])
    func extremeFiguresAreRefused(_ body: String, _ field: String) throws {
        let error = #expect(throws: MarketFeedError.self) {
            try MarketFeed.parse(Data(body.utf8), coins: [Coin.named("BTC")!], source: "test")
        }
        #expect(error?.message.hasPrefix(field) == true, "\(String(describing: error))")
    }
}
