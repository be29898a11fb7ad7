@testable import RigFarm
import Synchronization
import Testing
import RigTestSupport

/// The refresher over a scripted source: a failed refresh keeps the last good rows with the
/// reason, a wanted detail is read at once, and cancelling ends the loop.
@Suite struct FarmBoardTests {
    /// Answers with one rig, then fails, then answers again; counts the detail requests.
    final class ScriptedSource: FarmSource {
        struct Refused: Error, CustomStringConvertible { var description: String { "Prometheus unreachable: refused" } }
        let calls = Mutex(0)
        let details = Mutex(0)

        func snapshot() async throws -> FarmSnapshot {
            let call = calls.withLock { count in
                count += 1
                return count
            }
            if call == 2 { throw Refused() }
            return FarmSnapshot(time: Double(call), source: "scripted",
                                rigs: [FarmRig(id: "a", instance: "a", worker: "w\(call)", state: .mining)])
        }

        func detail(of rig: FarmRig) async throws -> FarmRigDetail {
            details.withLock { $0 += 1 }
            var detail = FarmRigDetail()
            detail.threads = [.init(index: 0, tenSeconds: 1, sixtySeconds: 2)]
            return detail
        }
    }

    /// Polls `condition` on the board for up to a minute (the loop runs on a loaded machine).
    static func eventually(_ board: FarmBoard, _ condition: (FarmBoard.Contents) -> Bool) async -> Bool {
        await RigTestSupport.eventually(60, every: .milliseconds(10)) { condition(board.current) }
    }

    @Test func failedRefreshKeepsRowsThenRecovers() async {
        let board = FarmBoard()
        let source = ScriptedSource()
        let clock = Mutex(100.0)
        let refresher = Task {
            await board.refresh(from: source, every: .milliseconds(20)) { clock.withLock { $0 += 1; return $0 } }
        }
        #expect(await Self.eventually(board) { $0.reading.snapshot?.rigs.first?.worker == "w1" })
        #expect(await Self.eventually(board) { $0.reading.error != nil })
        let failed = board.current.reading
        #expect(failed.snapshot?.rigs.first?.worker == "w1", "the last good rows stay")
        #expect(failed.error == "Prometheus unreachable: refused")
        #expect((failed.attemptedAt ?? 0) > (failed.readAt ?? 0), "its age grows")
        #expect(await Self.eventually(board) { $0.reading.error == nil && $0.reading.snapshot?.rigs.first?.worker == "w3" })

        board.want(detail: FarmRig(id: "a", instance: "a", worker: "w", state: .mining))
        #expect(await Self.eventually(board) { $0.detail?.threads.count == 1 && $0.detailRig == "a" })
        board.want(detail: nil)
        #expect(board.current.detail == nil)
        refresher.cancel()
        await refresher.value
    }
}
