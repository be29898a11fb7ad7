import Foundation
import Glibc
import RigEngine
import RigRuntime
import Testing
@testable import RigAPI

extension LiveServers {
    /// Clients that misbehave: the server refuses them and keeps serving everyone else.
    @Suite struct HTTPAbuseTests {
        static let summaryRequest = Array("GET /2/summary HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)

        /// A refusal: a 4xx response, or the connection closed with no response.
        static func isRefusal(_ exchange: HTTPExchange) -> Bool {
            if let reply = exchange.reply { return (400..<500).contains(reply.status) }
            return exchange.end == .closed || exchange.end == .reset
        }

        static func stillServes(_ port: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let reply = try await HTTPClient.get(port: port, "/2/summary")
            #expect(reply.status == 200, "\(reply)", sourceLocation: sourceLocation)
            #expect(try reply.json()["kind"] == "miner", sourceLocation: sourceLocation)
        }

        @Test func aHugeHeaderIsRefused() async throws {
            try await LiveServers.withHTTPServer { _, port in
                let filler = String(repeating: "a", count: 1 << 20)
                let raw = Array("GET /2/summary HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: \(filler)\r\nConnection: close\r\n\r\n".utf8)
                let exchange = try await HTTPClient.exchange(port: port, raw: raw)
                #expect(Self.isRefusal(exchange), "\(exchange.reply.map(\.description) ?? "no reply"), \(exchange.end)")
                // Many small fields adding up to over the limit are refused too.
                let fields = (0..<2_000).map { "X-F\($0): \(String(repeating: "b", count: 40))\r\n" }.joined()
                let many = try await HTTPClient.exchange(port: port, raw: Array("GET /2/summary HTTP/1.1\r\nHost: x\r\n\(fields)Connection: close\r\n\r\n".utf8))
                #expect(Self.isRefusal(many), "\(many.reply.map(\.description) ?? "no reply"), \(many.end)")
                // A long URL is a header too.
                let url = "/2/summary?" + String(repeating: "q", count: 1 << 20)
                let long = try await HTTPClient.exchange(port: port, raw: Array("GET \(url) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
                #expect(Self.isRefusal(long), "\(long.reply.map(\.description) ?? "no reply"), \(long.end)")
                try await Self.stillServes(port)
            }
        }

        @Test func aHugeBodyIsRefused() async throws {
            try await LiveServers.withHTTPServer(startRig: false) { rig, port in
                // Valid JSON, so a server that read it all would pause the rig.
                let body = #"{"jsonrpc":"2.0","id":1,"method":"pause","pad":""# + String(repeating: " ", count: 1 << 20) + #""}"#
                let raw = HTTPClient.requestBytes(method: "POST", path: "/json_rpc",
                                                  headers: [("Authorization", "Bearer secret"), ("Content-Type", "application/json")],
                                                  body: Array(body.utf8))
                let exchange = try await HTTPClient.exchange(port: port, raw: raw)
                #expect(Self.isRefusal(exchange), "\(exchange.reply.map(\.description) ?? "no reply"), \(exchange.end)")
                if let reply = exchange.reply {
                    #expect(reply.status == 413, "\(reply)")
                    #expect(try reply.json()["error"]?["code"] == -32600)
                }
                // Chunked, with no length announced.
                var chunked = "POST /json_rpc HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer secret\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                let chunk = String(repeating: " ", count: 32_768)
                for _ in 0..<32 { chunked += String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n" }
                chunked += "0\r\n\r\n"
                let streamed = try await HTTPClient.exchange(port: port, raw: Array(chunked.utf8))
                #expect(Self.isRefusal(streamed), "\(streamed.reply.map(\.description) ?? "no reply"), \(streamed.end)")
                try await Self.stillServes(port)
                _ = rig
            }
        }

        /// A body just under the limit is read whole and answered.
        @Test func aBodyUnderTheLimitIsAnswered() async throws {
            try await LiveServers.withHTTPServer { _, port in
                let body = #"{"jsonrpc":"2.0","id":1,"method":"nope","pad":""# + String(repeating: " ", count: 16_000) + #""}"#
                let reply = try await HTTPClient.rpc(port: port, body)
                #expect(reply.status == 200)
                #expect(try reply.json()["error"]?["code"] == -32601)
            }
        }

        /// One byte a second: every byte would reset an idle timer, but the request deadline
        /// (2 s here) closes the connection.
        @Test func aSlowClientIsCutOffAtTheDeadline() async throws {
            var limits = HTTPAPIServer.Limits()
            limits.requestSeconds = 2
            try await LiveServers.withHTTPServer(limits: limits) { _, port in
                let (closed, elapsed, sent) = try await offPool { () throws -> (Bool, Double, Int) in
                    let fd = try Wire.connect(port: port)
                    defer { close(fd) }
                    let start = Date()
                    let request = Array("GET /2/summary HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "z"), count: 100)
                    for (index, byte) in request.enumerated() {
                        if !Wire.send(fd, [byte]) { return (true, Date().timeIntervalSince(start), index) }
                        if Wire.waitForClose(fd, seconds: 1) { return (true, Date().timeIntervalSince(start), index + 1) }
                        if Date().timeIntervalSince(start) > 25 { break }
                    }
                    return (false, Date().timeIntervalSince(start), request.count)
                }
                #expect(closed, "still open after \(elapsed) s and \(sent) bytes")
                #expect(elapsed >= 1.5 && elapsed <= 20, "closed after \(elapsed) s")

                // Whole headers at once, then the body one byte a second: the deadline runs until
                // the request's end, and the control call never happens.
                let (bodyClosed, bodyElapsed) = try await offPool { () throws -> (Bool, Double) in
                    let fd = try Wire.connect(port: port)
                    defer { close(fd) }
                    let start = Date()
                    let body = Array(#"{"jsonrpc":"2.0","id":1,"method":"pause"}"#.utf8)
                    Wire.send(fd, "POST /json_rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer secret\r\n"
                        + "Content-Length: \(body.count)\r\n\r\n")
                    for byte in body {
                        if !Wire.send(fd, [byte]) { return (true, Date().timeIntervalSince(start)) }
                        if Wire.waitForClose(fd, seconds: 1) { return (true, Date().timeIntervalSince(start)) }
                        if Date().timeIntervalSince(start) > 25 { break }
                    }
                    return (false, Date().timeIntervalSince(start))
                }
                #expect(bodyClosed, "still open after \(bodyElapsed) s")
                #expect(bodyElapsed >= 1.5 && bodyElapsed <= 20, "closed after \(bodyElapsed) s")
                try await Self.stillServes(port)
            }
        }

        /// After a response on a kept-alive connection, the next request must start within the deadline.
        @Test func anIdleKeptAliveConnectionIsClosed() async throws {
            var limits = HTTPAPIServer.Limits()
            limits.requestSeconds = 2
            try await LiveServers.withHTTPServer(limits: limits) { _, port in
                let (status, closed, elapsed) = try await offPool { () throws -> (Int?, Bool, Double) in
                    let fd = try Wire.connect(port: port)
                    defer { close(fd) }
                    Wire.send(fd, "GET /2/summary HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    let (bytes, _) = Wire.receive(fd, seconds: 5) { HTTPReply.parse($0) != nil }
                    let start = Date()
                    let closed = Wire.waitForClose(fd, seconds: 20)
                    return (HTTPReply.parse(bytes)?.status, closed, Date().timeIntervalSince(start))
                }
                #expect(status == 200)
                #expect(closed)
                #expect(elapsed >= 1.5 && elapsed <= 20, "closed after \(elapsed) s")
            }
        }

        /// A silent client (connects, sends nothing) is closed at the deadline too.
        @Test func aSilentClientIsClosed() async throws {
            var limits = HTTPAPIServer.Limits()
            limits.requestSeconds = 2
            try await LiveServers.withHTTPServer(limits: limits) { _, port in
                let (closed, elapsed) = try await offPool { () throws -> (Bool, Double) in
                    let fd = try Wire.connect(port: port)
                    defer { close(fd) }
                    let start = Date()
                    return (Wire.waitForClose(fd, seconds: 20), Date().timeIntervalSince(start))
                }
                #expect(closed)
                #expect(elapsed >= 1.5 && elapsed <= 20, "closed after \(elapsed) s")
            }
        }

        enum Outcome: Equatable { case ok, status(Int), closed, hung }

        /// `count` connections at once from one thread, each sending `request`; the outcome of each
        /// within `seconds`. Like a real client, each socket is closed once its response is in (the
        /// server half-closes after `Connection: close` and frees the slot when the client closes).
        static func burst(port: Int, count: Int, request: [UInt8], seconds: Double) throws -> [Outcome] {
            var sockets: [Int32] = []
            var outcomes = [Outcome?](repeating: nil, count: count)
            var received = [[UInt8]](repeating: [], count: count)
            for index in 0..<count {
                do {
                    let fd = try Wire.connect(port: port)
                    sockets.append(fd)
                    if !Wire.send(fd, request) {
                        outcomes[index] = .closed
                        close(fd)
                        sockets[index] = -1
                    }
                } catch {
                    sockets.append(-1)
                    outcomes[index] = .closed  // refused at connect
                }
            }
            defer { for fd in sockets where fd >= 0 { close(fd) } }
            let deadline = Date().addingTimeInterval(seconds)
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while outcomes.contains(nil), Date() < deadline {
                let open = (0..<count).filter { outcomes[$0] == nil }
                var descriptors = open.map { pollfd(fd: sockets[$0], events: Int16(POLLIN), revents: 0) }
                let ready = poll(&descriptors, nfds_t(descriptors.count), 100)
                if ready <= 0 { continue }
                for (slot, index) in open.enumerated() where descriptors[slot].revents != 0 {
                    let got = chunk.withUnsafeMutableBytes { recv(sockets[index], $0.baseAddress, $0.count, 0) }
                    if got <= 0 {
                        if let reply = HTTPReply.parse(received[index], atEOF: true) {
                            outcomes[index] = reply.status == 200 ? .ok : .status(reply.status)
                        } else {
                            outcomes[index] = .closed
                        }
                    } else {
                        received[index] += chunk[0..<got]
                        if let reply = HTTPReply.parse(received[index]) {
                            outcomes[index] = reply.status == 200 ? .ok : .status(reply.status)
                        }
                    }
                    if outcomes[index] != nil {
                        close(sockets[index])
                        sockets[index] = -1
                    }
                }
            }
            return outcomes.map { $0 ?? .hung }
        }

        @Test func twoHundredConnectionsAtOnce() async throws {
            try await LiveServers.withHTTPServer { _, port in
                let outcomes = try await offPool { try Self.burst(port: port, count: 200, request: Self.summaryRequest, seconds: 30) }
                let hung = outcomes.filter { $0 == .hung }.count
                let ok = outcomes.filter { $0 == .ok }.count
                let closed = outcomes.filter { $0 == .closed }.count
                let other = outcomes.filter { if case .status = $0 { true } else { false } }
                #expect(hung == 0, "\(hung) connections hung")
                #expect(other.isEmpty, "unexpected statuses: \(other)")
                // 200 is under the 256-connection limit: every one is served.
                #expect(ok == 200, "\(ok) answered, \(closed) closed without an answer")
                try await Self.stillServes(port)
            }
        }

        /// Idle connections cannot starve a real client. The deadlines here are ten minutes, so
        /// only eviction can make room: 300 silent connections against a cap of 32 (ceiling 96),
        /// then a rig manager's request, which is answered while the silent ones are held.
        @Test("300 silent connections held: a real client is still answered, the oldest silent ones closed",
              .timeLimit(.minutes(2)))
        func idleConnectionsAreEvictedForARealClient() async throws {
            var limits = HTTPAPIServer.Limits()
            limits.connections = 32
            limits.headSeconds = 600
            limits.requestSeconds = 600
            try await LiveServers.withHTTPServer(limits: limits) { _, port in
                let (reply, closedByServer) = try await offPool { () throws -> (HTTPReply?, Int) in
                    var silent: [Int32] = []
                    defer { silent.forEach { close($0) } }
                    for _ in 0..<300 { silent.append(try Wire.connect(port: port)) }
                    let fd = try Wire.connect(port: port)
                    defer { close(fd) }
                    Wire.send(fd, Self.summaryRequest)
                    let (bytes, _) = Wire.receive(fd, seconds: 60) { HTTPReply.parse($0) != nil }
                    let closed = silent.prefix(100).enumerated().filter { Wire.waitForClose($1, seconds: $0 == 0 ? 5 : 0.05) }.count
                    return (HTTPReply.parse(bytes), closed)
                }
                #expect(reply?.status == 200, "no answer while silent connections were held")
                #expect(closedByServer > 0, "no silent connection was closed")
                try await Self.stillServes(port)
            }
        }

        /// A client that connects and sends nothing is closed at the (short) head deadline, even
        /// when the whole request may take much longer.
        @Test func theHeadDeadlineIsShorterThanTheRequestDeadline() async throws {
            var limits = HTTPAPIServer.Limits()
            limits.headSeconds = 1
            limits.requestSeconds = 600
            try await LiveServers.withHTTPServer(limits: limits) { _, port in
                let closed = try await offPool { () throws -> Bool in
                    let fd = try Wire.connect(port: port)
                    defer { close(fd) }
                    return Wire.waitForClose(fd, seconds: 60)
                }
                #expect(closed, "a silent client was still connected after 60 s")
            }
        }

        /// A burst of real requests over the connection limit: none of them is closed for room (each
        /// sends its request at once), and all are served.
        @Test func connectionsOverTheLimitWait() async throws {
            var limits = HTTPAPIServer.Limits()
            limits.connections = 4
            limits.requestSeconds = 3
            try await LiveServers.withHTTPServer(limits: limits) { _, port in
                let outcomes = try await offPool { try Self.burst(port: port, count: 40, request: Self.summaryRequest, seconds: 20) }
                #expect(outcomes.filter { $0 == .hung }.isEmpty, "\(outcomes)")
                #expect(outcomes.allSatisfy { $0 == .ok || $0 == .closed }, "\(outcomes)")
                #expect(outcomes.filter { $0 == .ok }.count == 40, "\(outcomes)")
                try await Self.stillServes(port)
            }
        }

        /// Bytes that are not HTTP get a 400 or a close, and nothing else happens.
        @Test func garbageIsRefused() async throws {
            try await LiveServers.withHTTPServer { _, port in
                for garbage in ["\u{0}\u{1}\u{2}\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
                                "POST /json_rpc HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
                                "POST /json_rpc HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello"] {
                    let exchange = try await HTTPClient.exchange(port: port, raw: Array(garbage.utf8), seconds: 5)
                    #expect(Self.isRefusal(exchange), "\(garbage.debugDescription): \(exchange.reply.map(\.description) ?? "no reply"), \(exchange.end)")
                }
                try await Self.stillServes(port)
            }
        }
    }
}
