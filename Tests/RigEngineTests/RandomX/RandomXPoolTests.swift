import Synchronization
import RigTestSupport
import Testing
@testable import RigEngine

/// A real worker pool mining RandomX in light mode: shares, re-verification, a seed change.
@Suite("RandomX worker pool", .serialized, .enabled(if: RandomXTesting.libraryInstalled, RandomXTesting.skipMessage))
struct RandomXPoolTests {
    @Test("shares verify under their job's seed, and a seed change mid-run moves every thread")
    func seedChangeMidRun() async throws {
        let shares = Mutex<[FoundShare]>([])
        let pool = WorkerPool(kernels: KernelChoice([.randomx: .randomxLight]), pin: false) { share in
            shares.withLock { $0.append(share) }
        }
        #expect(pool.randomX.requestedMode == .light)
        let blobA = RandomXTesting.blob
        var blobB = RandomXTesting.blob
        blobB[0] = 0x0c
        pool.post(RandomXTesting.job("a", key: "test key 000", input: blobA))
        pool.setThreadCount(2)
        #expect(await WorkerPoolTests.waitUntil(120) { shares.withLock { Set($0.map(\.worker)) == [0, 1] } })
        #expect(RandomXModeText.matches(pool.randomX.status.mode, mode: "light"), "\(pool.randomX.status.mode ?? "none")")

        pool.post(RandomXTesting.job("b", key: "test key 001", input: blobB))
        #expect(await WorkerPoolTests.waitUntil(120) {
            shares.withLock { Set($0.filter { $0.jobID == "b" }.map(\.worker)) == [0, 1] }
        })
        pool.stopAll()
        #expect(await WorkerPoolTests.waitUntil { pool.allRetiredFinished })
        #expect(pool.readCounters().hardwareErrors == 0)

        // Every share's digest is the RandomX hash of its input under its own job's key.
        let library = try RandomXLibrary.system.get()
        let vmA = try RandomXVM(dataset: RandomXDataset(seed: Array("test key 000".utf8), mode: .light, library: library))
        let vmB = try RandomXVM(dataset: RandomXDataset(seed: Array("test key 001".utf8), mode: .light, library: library))
        let found = shares.withLock { $0 }
        for share in found.prefix(4) + found.filter({ $0.jobID == "b" }).prefix(4) {
            let vm = share.jobID == "a" ? vmA : vmB
            #expect(share.digest == vm.hash(share.input), "job \(share.jobID) nonce \(share.nonce)")
            #expect(share.input[39..<43].elementsEqual(withUnsafeBytes(of: share.nonce.littleEndian) { Array($0) }))
        }
    }
}
