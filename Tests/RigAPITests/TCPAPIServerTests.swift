import Foundation
import Glibc
import RigEngine
import RigInput
import RigRuntime
import Synchronization
import Testing
@testable import RigAPI

extension LiveServers {
    /// cgminer's and cpuminer's TCP APIs over real sockets.
    @Suite struct TCPAPIServerTests {
        /// Sends `request` on a new connection (then half-closes, when asked) and reads until the server closes.
        static func ask(_ port: Int, _ request: String, halfClose: Bool = false, seconds: Double = 10) async throws
            -> (reply: String, end: Wire.End)
        {
            try await offPool {
                let fd = try Wire.connect(port: port)
                defer { close(fd) }
                Wire.send(fd, request)
                if halfClose { shutdown(fd, Int32(SHUT_WR)) }
                let (bytes, end) = Wire.receive(fd, seconds: seconds)
                return (String(decoding: bytes, as: UTF8.self), end)
            }
        }

        /// A NUL-terminated JSON reply, parsed.
        static func json(_ reply: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
            #expect(reply.hasSuffix("\0"), sourceLocation: sourceLocation)
            return try JSONValue.parse(String(reply.dropLast()))
        }

        /// A cgminer server answering for a fixed state.
        static func cgminer(limits: TCPAPIServer.Limits = TCPAPIServer.Limits()) -> TCPAPIServer {
            let state = SampleState.state()
            return TCPAPIServer(name: "cgminer", endpoint: APIEndpoint(port: 0), limits: limits, complete: CgminerAPI.isComplete) {
                CgminerAPI.reply(to: $0, state: state, now: SampleState.now)
            }
        }

        /// `APIServers` with all three servers over a live rig.
        @Test func apiServersOverALiveRig() async throws {
            let tree = try SysfsTree()
            let rig = try await TestRig.started(tree)
            let servers = try APIServers(rig: rig, http: APIEndpoint(port: 0), token: AccessToken("secret"),
                                         cgminer: APIEndpoint(port: 0), cpuminer: APIEndpoint(port: 0))
            let lines = Mutex<[String]>([])
            try await servers.start { line in lines.withLock { $0.append(line) } }
            let http = try #require(servers.http).port
            let cgminer = try #require(servers.cgminer).port
            let cpuminer = try #require(servers.cpuminer).port
            #expect(lines.withLock { $0 } == [
                "HTTP API on 127.0.0.1:\(http) (xmrig /1/summary, /metrics, /api/v1/state, /json_rpc)",
                "cgminer API on 127.0.0.1:\(cgminer)", "cpuminer API on 127.0.0.1:\(cpuminer)",
            ])
            #expect(Set([http, cgminer, cpuminer]).count == 3 && !([http, cgminer, cpuminer].contains(0)))

            // cgminer, plain text.
            let (summary, end) = try await Self.ask(cgminer, "summary")
            #expect(end == .closed)
            #expect(summary.hasPrefix("STATUS=S,When="))
            #expect(summary.contains(",Code=11,Msg=Summary,Description=rigtop \(RigtopVersion.string)|SUMMARY,Elapsed="))
            #expect(summary.contains(",MHS av="))
            #expect(summary.hasSuffix("|\0"))
            #expect(summary.filter { $0 == "\0" }.count == 1)

            // cgminer, JSON, two commands.
            let joined = try Self.json(try await Self.ask(cgminer, #"{"command":"summary+devs"}"#).reply)
            #expect(Set(joined.objectValue.map { Array($0.keys) } ?? []) == ["summary", "devs"])
            #expect(joined["summary"]?.arrayValue?.first?["SUMMARY"]?.arrayValue?.count == 1)
            #expect(joined["devs"]?.arrayValue?.first?["DEVS"]?.arrayValue?.count == 1)
            #expect(joined["devs"]?.arrayValue?.first?["DEVS"]?.arrayValue?.first?["CPU"] == 0)

            // Benchmark work has no pool.
            let pools = try Self.json(try await Self.ask(cgminer, #"{"command":"pools"}"#).reply)
            #expect(pools["STATUS"]?.arrayValue?.first?["Msg"] == "0 Pool(s)")
            #expect(pools["POOLS"] == [])
            #expect(pools["id"] == 1)

            let unknown = try await Self.ask(cgminer, "restart").reply
            #expect(unknown.hasPrefix("STATUS=E,When="))
            #expect(unknown.contains(",Code=14,Msg=Invalid command,"))
            #expect(unknown.hasSuffix("|\0"))

            // cpuminer.
            let cpuSummary = try await Self.ask(cpuminer, "summary").reply
            #expect(cpuSummary.hasPrefix("NAME=rigtop;VER=\(RigtopVersion.string);API=1.0;ALGO=sha256d;CPUS=1;URL=benchmark;HS="))
            #expect(cpuSummary.contains(";KHS="))
            #expect(cpuSummary.contains(";TEMP=50.0;"))
            #expect(cpuSummary.hasSuffix("|"))
            let threads = try await Self.ask(cpuminer, "threads").reply
            #expect(threads.hasPrefix("CPU=0;H/s="))
            #expect(threads.contains(";KHS="))
            #expect(threads.hasSuffix("|"))
            #expect(threads.filter { $0 == "|" }.count == 1)
            // What `echo threads | nc 127.0.0.1 4048` sends: the word and a bare LF.
            let echoed = try await Self.ask(cpuminer, "threads\n").reply
            #expect(echoed.hasPrefix("CPU=0;H/s="), "\(echoed)")

            await servers.stop()
            await rig.stop()
            for port in [http, cgminer, cpuminer] { #expect(await LiveServers.refused(port: port), "\(port) still open") }
        }

        /// The whole reply over the wire is the responder's, byte for byte.
        @Test func exactRepliesOverTheWire() async throws {
            let server = Self.cgminer()
            try await server.start()
            let port = server.port
            #expect(try await Self.ask(port, "summary").reply
                == String(decoding: CgminerAPI.reply(to: Array("summary".utf8), state: SampleState.state(), now: SampleState.now), as: UTF8.self))
            #expect(try await Self.ask(port, "bogus").reply
                == "STATUS=E,When=1700000000,Code=14,Msg=Invalid command,Description=rigtop \(RigtopVersion.string)|\0")
            // A JSON request split over two sends, read as one once whole.
            let split = try await offPool { () throws -> String in
                let fd = try Wire.connect(port: port)
                defer { close(fd) }
                Wire.send(fd, #"{"command":"#)
                usleep(200_000)
                Wire.send(fd, #""version"}"#)
                return String(decoding: Wire.receive(fd, seconds: 5).bytes, as: UTF8.self)
            }
            #expect(try Self.json(split)["VERSION"]?.arrayValue?.first?["API"] == "3.7")
            // Unfinished JSON and a half-close: answered as what it is.
            let (half, end) = try await Self.ask(port, #"{"command":"summ"#, halfClose: true)
            #expect(end == .closed)
            #expect(try Self.json(half)["STATUS"]?.arrayValue?.first?["Msg"] == "Invalid JSON request")
            // Nothing and a half-close: closed without a reply.
            let (nothing, nothingEnd) = try await Self.ask(port, "", halfClose: true, seconds: 5)
            #expect(nothing.isEmpty && nothingEnd == .closed)
            await server.stop()
            #expect(await LiveServers.refused(port: port))
        }

        /// A request over 64 KB is closed without a reply; the server keeps answering.
        @Test func anOversizedRequestIsClosed() async throws {
            let server = Self.cgminer()
            try await server.start()
            let port = server.port
            // Unfinished JSON keeps the request open until it crosses the limit.
            let request = #"{"command":""# + String(repeating: "a", count: 70_000)
            let (reply, end) = try await Self.ask(port, request, seconds: 5)
            #expect(reply.isEmpty, "\(reply.prefix(200))")
            #expect(end == .closed || end == .reset, "\(end)")
            // Exactly at the limit is still read.
            let head = #"{"command":"version","pad":""#
            let fits = head + String(repeating: "p", count: 64 * 1024 - head.utf8.count - 2) + #""}"#
            #expect(fits.utf8.count == 64 * 1024)
            let (fitsReply, _) = try await Self.ask(port, fits, seconds: 5)
            #expect(fitsReply.contains(#""API":"3.7""#), "\(fitsReply.prefix(200))")
            #expect(try await Self.ask(port, "version").reply.contains("VERSION,rigtop="))
            await server.stop()
        }

        /// A client that connects and sends nothing is closed at the deadline (2 s here).
        @Test func aSilentClientIsClosedAtTheDeadline() async throws {
            var limits = TCPAPIServer.Limits()
            limits.requestSeconds = 2
            let server = Self.cgminer(limits: limits)
            try await server.start()
            let port = server.port
            let (closed, elapsed) = try await offPool { () throws -> (Bool, Double) in
                let fd = try Wire.connect(port: port)
                defer { close(fd) }
                let start = Date()
                return (Wire.waitForClose(fd, seconds: 20), Date().timeIntervalSince(start))
            }
            #expect(closed)
            #expect(elapsed >= 1.5 && elapsed <= 20, "closed after \(elapsed) s")
            // Unfinished JSON, trickled: the deadline covers the whole request, not the gaps.
            let (trickleClosed, trickleElapsed) = try await offPool { () throws -> (Bool, Double) in
                let fd = try Wire.connect(port: port)
                defer { close(fd) }
                let start = Date()
                Wire.send(fd, "{")
                while Date().timeIntervalSince(start) < 25 {
                    if !Wire.send(fd, " ") { return (true, Date().timeIntervalSince(start)) }
                    if Wire.waitForClose(fd, seconds: 0.5) { return (true, Date().timeIntervalSince(start)) }
                }
                return (false, Date().timeIntervalSince(start))
            }
            #expect(trickleClosed)
            #expect(trickleElapsed >= 1.5 && trickleElapsed <= 20, "closed after \(trickleElapsed) s")
            #expect(try await Self.ask(port, "summary").reply.hasPrefix("STATUS=S,"))
            await server.stop()
        }

        /// Over the connection cap, a connection is closed at once; a slot frees when one ends.
        @Test func connectionsOverTheCapAreClosed() async throws {
            var limits = TCPAPIServer.Limits()
            limits.connections = 2
            limits.requestSeconds = 5
            let server = Self.cgminer(limits: limits)
            try await server.start()
            let port = server.port
            let (third, fourthReply) = try await offPool { () throws -> (Bool, String) in
                let first = try Wire.connect(port: port)
                let second = try Wire.connect(port: port)
                usleep(200_000)
                let third = try Wire.connect(port: port)
                defer { close(third) }
                let thirdClosed = Wire.waitForClose(third, seconds: 2)
                close(first)
                close(second)
                // The server frees the slots when it sees the closes: on a loaded machine that can
                // take a while, so a new client tries again, as a rig manager's next poll would.
                var reply = ""
                for _ in 0..<20 where !reply.contains("VERSION") {
                    usleep(300_000)
                    let fourth = try Wire.connect(port: port)
                    defer { close(fourth) }
                    Wire.send(fourth, "version")
                    reply = String(decoding: Wire.receive(fourth, seconds: 5).bytes, as: UTF8.self)
                }
                return (thirdClosed, reply)
            }
            #expect(third, "a connection over the cap stayed open")
            #expect(fourthReply.contains("VERSION,rigtop="), "\(fourthReply)")
            await server.stop()
        }

        @Test func aBusyPortIsAStartError() async throws {
            let first = Self.cgminer()
            try await first.start()
            let second = TCPAPIServer(name: "cpuminer", endpoint: APIEndpoint(port: first.port), complete: CpuminerAPI.isComplete) { _ in [] }
            do {
                try await second.start()
                Issue.record("a second server bound \(first.port)")
                await second.stop()
            } catch {
                #expect("\(error)".hasPrefix("cannot serve the cpuminer API on 127.0.0.1:\(first.port)"), "\(error)")
            }
            // APIServers stops what it started when a later server cannot start.
            let tree = try SysfsTree()
            let servers = try APIServers(rig: try TestRig.make(tree), http: APIEndpoint(port: 0), token: nil,
                                         cgminer: APIEndpoint(port: first.port), cpuminer: nil)
            await #expect(throws: APIStartError.self) { try await servers.start(log: { _ in }) }
            let http = try #require(servers.http).port
            if http != 0 { #expect(await LiveServers.refused(port: http), "the HTTP server kept running") }
            await first.stop()
        }
    }
}
