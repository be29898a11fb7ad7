import Foundation
import NIOCore
import NIOPosix
import RigInput

/// One request and its answer over a fresh TCP connection, as cgminer's and cpuminer-opt's APIs
/// work: connect, send the command, read until the miner closes or sends its NUL terminator.
///
/// Bounded in time and memory: the whole exchange, connect included, ends at `deadline`, and an
/// answer longer than `maximumBytes` ends it with an error, so a silent or endless peer costs its
/// deadline and a few kilobytes, never the farm's refresh.
struct MinerSocket: Sendable {
    var host: String
    var port: Int
    /// Seconds from connect to the last byte.
    var deadlineSeconds: Double
    var maximumBytes: Int

    /// The answer's bytes, without the NUL terminator. An answer cut off by the peer closing
    /// without a NUL is returned as it is: cgminer forks omit the NUL, and the JSON parser tells
    /// a cut-off answer from a whole one.
    func exchange(_ request: String) async throws(MinerReadError) -> [UInt8] {
        let started = ContinuousClock.now
        let budget = Duration.milliseconds(Int64(UntrustedNumber.clamped(deadlineSeconds * 1000, to: 1...600_000)))
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.nanoseconds(Self.nanoseconds(budget)))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Self.describe(error, deadline: deadlineSeconds)
        }
        // Closing the channel at the deadline ends the read loop below, whatever the peer does.
        let remaining = budget - (ContinuousClock.now - started)
        let underlying = channel.channel
        let timer = underlying.eventLoop.scheduleTask(in: .nanoseconds(max(1, Self.nanoseconds(remaining)))) { underlying.close(promise: nil) }
        defer { timer.cancel() }
        var answer: [UInt8] = []
        var complete = false
        do {
            try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(string: request))
                reading: for try await chunk in inbound {
                    let bytes = chunk.readableBytesView
                    if let nul = bytes.firstIndex(of: 0) {
                        guard answer.count + (nul - bytes.startIndex) <= maximumBytes else { break reading }
                        answer += bytes[..<nul]
                        complete = true
                        break reading
                    }
                    guard answer.count + bytes.count <= maximumBytes else {
                        answer += bytes.prefix(maximumBytes - answer.count)
                        break reading
                    }
                    answer += bytes
                }
            }
        } catch {
            if ContinuousClock.now - started < budget, !answer.isEmpty {
                // A reset after the answer: what came is judged by its parser.
                return answer
            }
            throw Self.describe(error, deadline: deadlineSeconds, received: answer.count)
        }
        if answer.count >= maximumBytes, !complete {
            throw MinerReadError("answer larger than \(maximumBytes >> 10) KiB: cut off")
        }
        if !complete, ContinuousClock.now - started >= budget {
            throw MinerReadError(answer.isEmpty
                ? "no answer within \(Self.seconds(deadlineSeconds))"
                : "answer not finished within \(Self.seconds(deadlineSeconds)) (\(answer.count) bytes)")
        }
        return answer
    }

    static func describe(_ error: any Error, deadline: Double, received: Int = 0) -> MinerReadError {
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return MinerReadError("no connection within \(seconds(deadline))")
            case .ioOnClosedChannel, .alreadyClosed, .eof:
                return MinerReadError(received == 0 ? "no answer within \(seconds(deadline))" : "answer not finished within \(seconds(deadline))")
            default: break
            }
        }
        // Every address of the host failed: the first attempt's error is the useful part.
        if let error = error as? NIOConnectionError {
            guard let attempt = error.connectionErrors.first else { return MinerReadError("cannot resolve the host") }
            return describe(attempt.error, deadline: deadline, received: received)
        }
        if let error = error as? IOError {
            return MinerReadError("connection failed: " + String(cString: strerror(error.errnoCode)).lowercased())
        }
        return MinerReadError(OutsideText.escaped("connection failed: \(error)", limit: 160))
    }

    /// `duration` in nanoseconds; the budget is at most 600 s, far from Int64's limit.
    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    static func seconds(_ value: Double) -> String {
        value.rounded() == value ? "\(Int64(UntrustedNumber.clamped(value, to: 0...1_000_000))) s" : "\(value) s"
    }
}
