/// Reads one miner through its own API.
///
/// Implementation requirements: `read()` returns within the reader's deadline whatever the peer
/// does (silent, slow, endless); it reads at most the reader's byte cap; a figure out of range is
/// dropped, never trapped on; errors' reasons are safe to show on a terminal and never contain
/// the endpoint's token.
public protocol MinerReader: Sendable {
    var endpoint: MinerEndpoint { get }
    /// The miner now.
    func read() async throws(MinerReadError) -> MinerSnapshot
}

extension MinerEndpoint {
    /// The reader for this endpoint's API, with a deadline for the whole read, s, and a cap on
    /// each answer, bytes.
    public func reader(deadlineSeconds: Double = 3, maximumBytes: Int = 4 << 20) -> any MinerReader {
        let limits = MinerReadLimits(deadlineSeconds: deadlineSeconds, maximumBytes: maximumBytes)
        return switch kind {
        case .cgminer: CgminerReader(endpoint: self, limits: limits)
        case .xmrig: XmrigReader(endpoint: self, limits: limits)
        case .cpuminer: CpuminerReader(endpoint: self, limits: limits)
        case .lolminer: LolminerReader(endpoint: self, limits: limits)
        case .trex: TrexReader(endpoint: self, limits: limits)
        case .gminer: GminerReader(endpoint: self, limits: limits)
        }
    }
}

extension Array where Element == any MinerReader {
    /// Reads every miner at once, each bounded by its own deadline, so the whole takes the
    /// slowest reader's time, never their sum; results in the readers' order.
    public func readTogether() async -> [Result<MinerSnapshot, MinerReadError>] {
        await withTaskGroup(of: (Int, Result<MinerSnapshot, MinerReadError>).self) { group in
            for (index, reader) in enumerated() {
                group.addTask {
                    do throws(MinerReadError) {
                        return (index, .success(try await reader.read()))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var results = [Result<MinerSnapshot, MinerReadError>](repeating: .failure(MinerReadError("not read")), count: count)
            for await (index, result) in group { results[index] = result }
            return results
        }
    }
}
