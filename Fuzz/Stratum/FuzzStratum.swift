import NIOCore
import NIOEmbedded
import RigEngine
@testable import RigPools
import RigInput

/// libFuzzer entry: the bytes a Stratum v1 pool sends, through the line decoder and then every
/// step `StratumClient` takes with a line (parse, the reply id, the subscribe reply, notify,
/// set_difficulty, set_extranonce, client.reconnect, error replies), down to the header a worker
/// would hash.
///
/// Besides "no trap", it checks what must hold for any input: the decoder's lines are the bytes'
/// own lines (whatever the chunking), a parsed message survives its serialisation, a header is 80
/// bytes and text meant for a log carries no control character.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStratum(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for line in decodedLines(bytes) { handle(line) }
    return 0
}

/// A short limit, so that inputs of a few hundred bytes reach the too-long paths too.
let maximumLineLength = 512

/// The lines `StratumLineDecoder` emits for `bytes` arriving in three chunks, checked against the
/// lines read directly off the bytes.
func decodedLines(_ bytes: [UInt8]) -> [String] {
    let channel = EmbeddedChannel(handler: ByteToMessageHandler(StratumLineDecoder(maximumLineLength: maximumLineLength)))
    var failed = false
    let cuts = [0, bytes.count / 3, 2 * bytes.count / 3, bytes.count]
    for (start, end) in zip(cuts, cuts.dropFirst()) where start < end && !failed {
        do { try channel.writeInbound(ByteBuffer(bytes: bytes[start..<end])) } catch { failed = true }
    }
    var lines: [String] = []
    while let line = try? channel.readInbound(as: String.self) { lines.append(line) }
    _ = try? channel.finish(acceptAlreadyClosed: true)

    var expected: [String] = []
    var expectFailure = false
    var pieces = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    let unterminated = pieces.removeLast()
    for piece in pieces {
        if piece.count > maximumLineLength { expectFailure = true; break }
        let line = piece.last == UInt8(ascii: "\r") ? piece.dropLast() : piece
        if !line.isEmpty { expected.append(String(decoding: line, as: UTF8.self)) }
    }
    if !expectFailure && unterminated.count > maximumLineLength { expectFailure = true }
    precondition(lines == expected, "decoder lines \(lines) != the input's lines \(expected)")
    precondition(failed == expectFailure, "decoder failed: \(failed), line over the limit: \(expectFailure)")
    return lines
}

/// What `StratumClient.handle(line:)` and its handshake do with one line.
func handle(_ line: String) {
    checkLoggable(StratumMessage.trimmed(line))
    let message: StratumMessage
    do { message = try StratumMessage.parse(line) } catch {
        checkLoggable(error.description)
        return
    }
    let again = try? StratumMessage.parse(message.serialized)
    precondition(again == message, "\(message) serialises as \(message.serialized), which parses as \(String(describing: again))")
    switch message {
    case .response(let id, let result, let error):
        _ = try? StratumMessage.requestID(id, line: line)
        if let error { checkLoggable(error.description) }
        subscribeReply(result)
    case .request(_, let method, let params):
        checkLoggable(OutsideText.escaped(method, limit: 64))
        request(method, params)
    }
}

/// The subscribe reply as the handshake reads it: `[subscriptions, extranonce1, extranonce2_size]`.
func subscribeReply(_ result: JSONValue) {
    guard let values = result.arrayValue, values.count >= 3,
          let hex = values[1].stringValue, let extranonce1 = HexCoding.bytes(hex),
          let size = try? UntrustedNumber.whole(values[2].numberValue, "extranonce2_size", in: 0...32)
    else { return }
    checkExtranonce(StratumExtranonce(extranonce1: extranonce1, extranonce2Size: size))
}

func request(_ method: String, _ params: JSONValue) {
    let values = params.arrayValue ?? []
    switch method {
    case "mining.notify":
        guard let job = try? StratumJob(notifyParams: params) else { return }
        let extranonce = StratumExtranonce(extranonce1: [1, 2, 3, 4], extranonce2Size: 4)
        let header = job.header(extranonce1: extranonce.extranonce1, extranonce2: extranonce.extranonce2(worker: 1, roll: 7),
                                nonce: .max)
        precondition(header.count == 80, "a header of \(header.count) bytes from \(params.serialized)")
        precondition(HexCoding.uint32(HexCoding.string(job.time)) == job.time)
    case "mining.set_difficulty":
        guard let difficulty = try? UntrustedNumber.finite(values.first?.numberValue, "mining.set_difficulty",
                                                          in: StratumMessage.difficultyRange) else { return }
        for algorithm in [HashAlgorithm.sha256d, .scrypt] {
            let target = PoolWorkSource.target(difficulty: difficulty, algorithm: algorithm)
            _ = (target.difficulty, target.expectedHashesPerShare, target.description)
            _ = PoolWorkSource.formatDifficulty(target.difficulty * (algorithm == .scrypt ? 65_536 : 1))
        }
    case "mining.set_extranonce":
        guard values.count >= 2, let hex = values[0].stringValue, let extranonce1 = HexCoding.bytes(hex),
              let size = try? UntrustedNumber.whole(values[1].numberValue, "extranonce2_size", in: 0...32)
        else { return }
        checkExtranonce(StratumExtranonce(extranonce1: extranonce1, extranonce2Size: size))
    case "client.reconnect":
        guard let target = try? StratumMessage.reconnectTarget(values) else { return }
        let ending = StratumClientError.reconnectRequested(host: target.host, port: target.port, waitSeconds: target.wait)
        checkLoggable(ending.description)
    case "client.show_message":
        checkLoggable(StratumMessage.trimmed(values.first?.stringValue ?? params.serialized))
    default:
        break
    }
}

func checkExtranonce(_ extranonce: StratumExtranonce) {
    for worker in [0, 1, 255] {
        let extranonce2 = extranonce.extranonce2(worker: worker, roll: .max)
        precondition(extranonce2.count == extranonce.extranonce2Size)
    }
}

/// Text bound for a log or a terminal must not carry a control character a pool chose.
func checkLoggable(_ text: String) {
    precondition(OutsideText.isClean(text), "control characters reach a log: \(text.debugDescription)")
}
