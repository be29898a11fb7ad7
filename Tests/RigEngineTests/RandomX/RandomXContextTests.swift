import Foundation
import Synchronization
import Testing
import RigTestSupport
@testable import RigEngine

@Suite("RandomXContext")
struct RandomXContextTests {
    @Test("a directory without librandomx: the loader says how to install it")
    func missingLibrary() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-no-randomx-\(getpid())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: RandomXLibraryError.self) { try RandomXLibrary(directory: empty.path) }
        do {
            _ = try RandomXLibrary(directory: empty.path)
        } catch {
            #expect(error.description == "RandomX library not found: apt-get install librandomx0")
        }
    }

    @Test("with the library missing, workers get no dataset and the snapshot says why")
    func missingLibraryContext() throws {
        let context = RandomXContext(mode: .light, library: .failure(.notFound(detail: "test")))
        #expect(context.dataset(for: Array("key".utf8)) == nil)
        #expect(context.status.failure == "RandomX library not found: apt-get install librandomx0")
        #expect(context.status.mode == nil)
        var snapshot = EngineSnapshot()
        snapshot.algorithm = .randomx
        snapshot.state = .waitingForWork
        snapshot.apply(context.status)
        #expect(snapshot.notice == "RandomX library not found: apt-get install librandomx0")
    }

    @Test("a build in progress shows as a progress fraction and an 'initialising dataset' notice")
    func progressInSnapshot() {
        var snapshot = EngineSnapshot()
        snapshot.algorithm = .randomx
        snapshot.state = .mining
        snapshot.apply(RandomXStatus(mode: nil, progress: 0.42, failure: nil, buildSeconds: nil))
        #expect(snapshot.state == .waitingForWork)
        #expect(snapshot.datasetProgress == 0.42)
        #expect(snapshot.notice == "initialising dataset 42 %")
    }

    @Test("MemAvailable decides full or light mode")
    func automaticMode() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-meminfo-\(getpid())")
        defer { try? FileManager.default.removeItem(at: file) }
        try "MemTotal:       24000000 kB\nMemAvailable:    1048576 kB\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(RandomXMode.automatic(meminfo: file.path) == .light)
        try "MemTotal:       24000000 kB\nMemAvailable:   20000000 kB\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(RandomXMode.automatic(meminfo: file.path) == .full)
        #expect(RandomXMode.automatic(meminfo: "/nonexistent/meminfo") == .full)
    }

    @Test("the announced next seed is built in the background and taken at once at the switch")
    func nextSeedInBackground() async throws {
        let context = RandomXContext(mode: .light, engine: .rigtop, buildThreads: 1)
        let first = Array("test key 000".utf8)
        let next = Array("test key 001".utf8)
        var deadline = monotonicSeconds() + 120
        while context.dataset(for: first) == nil, monotonicSeconds() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        let current = try #require(context.dataset(for: first))

        context.prepareNext(seed: next)
        #expect(context.dataset(for: first) === current, "the current dataset keeps mining meanwhile")
        #expect(context.status.progress == nil, "a background build shows no progress bar")
        deadline = monotonicSeconds() + 120
        while !context.nextSeedReady, monotonicSeconds() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        #expect(context.nextSeedReady)
        let switched = try #require(context.dataset(for: next), "the switch found the next dataset ready")
        #expect(switched.seed == next)
        let hash = try RandomXVM(dataset: switched).hash(RandomXTesting.vectors[3].input)
        #expect(Hex.string(hash) == RandomXTesting.vectors[3].hash)
    }

    @Test("no background build when MemAvailable cannot hold a second dataset")
    func nextSeedNeedsMemory() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-meminfo-next-\(getpid())")
        defer { try? FileManager.default.removeItem(at: file) }
        try "MemTotal:       4000000 kB\nMemAvailable:     102400 kB\n".write(to: file, atomically: true, encoding: .utf8)
        let context = RandomXContext(mode: .full, engine: .rigtop, buildThreads: 1)
        context.prepareNext(seed: Array("test key 001".utf8), meminfo: file.path)
        try await Task.sleep(nanoseconds: 200_000_000)
        #expect(!context.nextSeedReady && !context.nextSeedBuilding)
    }

    @Test("kernel names: randomx-full/randomx-light, flavours full/light")
    func kernels() {
        #expect(HashAlgorithm.randomx.availableKernels == [.randomxFull, .randomxLight])
        #expect(HashKernel.randomxLight.flavour == "light")
        #expect(HashKernel(rawValue: "randomx-full") == .randomxFull)
    }
}

/// RandomX programs switch the SSE rounding mode (MXCSR) and librandomx leaves it switched. On a
/// thread that goes on to do other arithmetic (a cooperative-pool thread verifying a pool share),
/// that would skew every later figure: 84850 / 1000 came out as 84.85000000000001.
@Suite("RandomX and the floating-point environment", .enabled(if: RandomXTesting.libraryInstalled, RandomXTesting.skipMessage))
struct RandomXRoundingTests {
    @Test("hashing, plain or pipelined, leaves the caller's rounding mode as it found it")
    func roundingModeIsRestored() async throws {
        // (fegetround reads the x87 control word; RandomX changes the SSE one, so look at a result.)
        let raw = Double(Int.random(in: 84850...84850))  // not a constant the compiler could fold
        #expect(raw / 1000 == 84.85)
        for vector in RandomXTesting.vectors {
            _ = try HashAlgorithm.randomx.referenceDigest(vector.input, seed: Array(vector.key.utf8))
            #expect(raw / 1000 == 84.85, "after \(vector.testDescription)")
        }
        let context = RandomXContext(mode: .light, buildThreads: 1)
        let searcher = HashKernel.randomxLight.makeSearcher(randomX: context)
        let job = RandomXTesting.job("blob", key: "test key 001", input: RandomXTesting.blob)
        searcher.load(input: RandomXTesting.blob)
        #expect(await RandomXTesting.prepare(searcher, for: job))
        _ = searcher.search(from: 0, count: 8, targetTop: .max)
        #expect(raw / 1000 == 84.85, "after a pipelined search")
    }
}
