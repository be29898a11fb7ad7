import Foundation
import Synchronization
import Testing
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

    @Test("kernel names: randomx-full/randomx-light, flavours full/light")
    func kernels() {
        #expect(HashAlgorithm.randomx.availableKernels == [.randomxFull, .randomxLight])
        #expect(HashKernel.randomxLight.flavour == "light")
        #expect(HashKernel(rawValue: "randomx-full") == .randomxFull)
    }
}
