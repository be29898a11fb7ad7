import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP/1.1 POST to a node over its own connection, closed afterwards.
///
/// A connection per call keeps a restarted node simple (nothing stale to reuse), and a long poll
/// never holds up a submit. Replies are read to at most ``maximumReplyBytes``; the deadline closes
/// the connection, and so does cancelling the calling task.
enum NodeHTTP {
    /// A getblocktemplate with a full mempool is a few MB of hex; 64 MiB is far above any real reply.
    static let maximumReplyBytes = 64 << 20

    struct Reply {
        var status: Int
        var body: [UInt8]
    }

    static func post(host: String, port: Int, path: String, body: [UInt8], authorization: String?,
                     group: any EventLoopGroup, connectTimeout: TimeAmount, deadline seconds: Double) async throws(NodeRPCError) -> Reply {
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(connectTimeout)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw .unreachable(describe(connectError: error))
        }
        let raw = channel.channel
        let started = ContinuousClock.now
        func pastDeadline() -> Bool { ContinuousClock.now - started >= .seconds(seconds * 0.99) }
        let timer = raw.eventLoop.scheduleTask(in: .nanoseconds(Int64(min(max(seconds, 0.001), 86_400) * 1e9))) {
            raw.close(promise: nil)
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await channel.executeThenClose { inbound, outbound in
                    var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
                    head.headers.add(name: "Host", value: host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
                    head.headers.add(name: "Content-Type", value: "application/json")
                    head.headers.add(name: "Content-Length", value: String(body.count))
                    head.headers.add(name: "Connection", value: "close")
                    head.headers.add(name: "User-Agent", value: "rigtop")
                    if let authorization { head.headers.add(name: "Authorization", value: authorization) }
                    // One write, one flush: a node may answer and close as soon as the body is in,
                    // before a separate `.end` would have been written. A write that fails for that
                    // reason still leaves the reply to read.
                    try? await outbound.write(contentsOf: [.head(head), .body(.byteBuffer(ByteBuffer(bytes: body))), .end(nil)])
                    var status: Int?
                    var reply: [UInt8] = []
                    for try await part in inbound {
                        switch part {
                        case .head(let head): status = Int(head.status.code)
                        case .body(let buffer):
                            guard reply.count + buffer.readableBytes <= maximumReplyBytes else {
                                throw NodeRPCError.badReply("reply over \(maximumReplyBytes >> 20) MiB")
                            }
                            reply += buffer.readableBytesView
                        case .end:
                            guard let status else { throw NodeRPCError.badReply("no HTTP status") }
                            return Reply(status: status, body: reply)
                        }
                    }
                    throw NodeRPCError.timedOut(seconds: seconds)
                }
            } onCancel: {
                raw.close(promise: nil)
            }
        } catch let error as NodeRPCError {
            if Task.isCancelled { throw .unreachable("cancelled") }
            throw pastDeadline() ? .timedOut(seconds: seconds) : error
        } catch {
            if Task.isCancelled { throw .unreachable("cancelled") }
            if pastDeadline() { throw .timedOut(seconds: seconds) }
            // A deadline close mid-reply shows up as a channel error; the reason is the deadline
            // only if it passed.
            if "\(error)".contains("ioOnClosedChannel") || error is ChannelError {
                throw .unreachable("the node closed the connection (\(error))")
            }
            throw .unreachable("\(error)")
        }
    }

    /// `Basic base64(user:password)`.
    static func basicAuthorization(user: String, password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    static func describe(connectError error: any Error) -> String {
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused (is the node running, with -server and this -rpcport?)"
            case ETIMEDOUT: return "connect timed out"
            case EHOSTUNREACH, ENETUNREACH: return "host unreachable"
            default: break
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return "connect timed out" }
        if "\(error)".contains("connection refused") || "\(error)".contains("Connection refused") {
            return "connection refused (is the node running, with -server and this -rpcport?)"
        }
        return "\(error)"
    }
}
