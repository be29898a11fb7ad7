import RigEngine
@testable import RigPools
import RigInput

/// libFuzzer entry: lines a Monero stratum pool sends (login replies, `job` notifications,
/// errors), one per input line, through what `MoneroStratumClient` and `MoneroWorkSource` do with
/// them, down to the blob a worker hashes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMonero(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for line in text.split(separator: "\n") { handle(String(line)) }
    return 0
}

func handle(_ line: String) {
    guard let message = try? StratumMessage.parse(line) else { return }
    switch message {
    case .response(let id, let result, let error):
        _ = try? StratumMessage.requestID(id, line: line)
        _ = error.map { "\($0.code): \($0.message)" }
        // The login reply: a session id and the first job.
        if result["id"]?.stringValue != nil, let job = result["job"] { mine(job) }
    case .request(_, "job", let params):
        mine(params)
    case .request:
        break
    }
}

/// A job as the work source takes it: the mining job, the log line, a share's blob and nonce.
func mine(_ json: JSONValue) {
    guard let job = try? MoneroJob(json: json) else { return }
    let mining = MoneroWorkSource.miningJob(job)
    for worker in [0, 1, 255, 256] {
        let range = mining.nonceRange(worker)
        let input = mining.makeInput(worker, 0)
        precondition(input == job.blob)
        let nonce = range.first &+ UInt32(truncatingIfNeeded: range.count - 1)
        let blob = job.input(nonce: nonce)
        precondition(blob.count == job.blob.count)
        precondition(MoneroJob.nonceHex(nonce).utf8.count == 8)
    }
    _ = "new job \(job.id)" + (job.height.map { " height \($0)" } ?? "")
        + " diff \(PoolWorkSource.formatDifficulty(job.difficulty))"
    _ = (job.target.difficulty, job.target.expectedHashesPerShare, job.target.description)
}
