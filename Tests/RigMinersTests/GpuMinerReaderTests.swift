import Foundation
import RigEngine
import RigFarm
import Testing
@testable import RigMiners
import RigFigures
import RigInput

/// The answers in Fixtures/ (Fixtures/README.md names their sources), as captured.
enum Fixture {
    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name))
    }

    static func json(_ name: String) throws -> JSONValue {
        try MinerHTTP.json(data(name))
    }

    /// A GPU as the readers name it, with the figures a capture gives it.
    static func gpu(_ index: Int, rate: Double, celsius: Double, chipCelsius: Double? = nil, fanPercent: Double, watts: Double) -> MinerSnapshot.Device {
        var gpu = MinerSnapshot.Device(index: index, name: "gpu \(index)")
        gpu.hashrate = WindowedRate(sixtySeconds: rate)
        gpu.celsius = celsius
        gpu.chipCelsius = chipCelsius
        gpu.fanPercent = fanPercent
        gpu.watts = watts
        return gpu
    }
}

@Suite struct LolminerReaderTests {
    @Test func current() throws {
        let snapshot = try LolminerReader.snapshot(Fixture.json("lolminer-1.92-summary.json"))
        #expect(snapshot.software == "lolMiner")
        #expect(snapshot.version == "1.92")
        #expect(snapshot.algorithm == "NexaPoW")
        #expect(snapshot.hashrate == WindowedRate(sixtySeconds: 5.6549161744285845e6))
        #expect(snapshot.accepted == 68 && snapshot.rejected == 0 && snapshot.stale == 0 && snapshot.hardwareErrors == 0)
        #expect(snapshot.uptimeSeconds == 3710)
        #expect(snapshot.worker == "cryptobro23.default")
        #expect(snapshot.pools == [MinerSnapshot.Pool(url: "nexa.f2pool.com:3400")])
        #expect(snapshot.devices == [Fixture.gpu(0, rate: 5.65e6, celsius: 65, chipCelsius: 73, fanPercent: 38, watts: 86.117999999999995)])
        #expect(snapshot.watts == 86.117999999999995)
        let row = snapshot.rig(id: "lolminer://rig:8020", instance: "lolminer://rig:8020")
        #expect(row.state == .mining)
        #expect(row.temperature?.celsius == 73)
        #expect(row.version == "lolMiner 1.92")
    }

    @Test func beforeVersion1_2() throws {
        let snapshot = try LolminerReader.snapshot(Fixture.json("lolminer-1.0-summary.json"))
        #expect(snapshot.software == "lolMiner")
        #expect(snapshot.version == "1.0 a2")
        #expect(snapshot.algorithm == "ZelHash")
        #expect(snapshot.hashrate == WindowedRate(sixtySeconds: 6.70))
        #expect(snapshot.accepted == 0 && snapshot.rejected == 0)
        #expect(snapshot.uptimeSeconds == 10)
        #expect(snapshot.worker == "t1cLkQpx3kEJw2TjPnTmCpe4KqLvER8NknA.testWorker")
        #expect(snapshot.pools.map(\.url) == ["stratum.zel.cash:2001"])
        #expect(snapshot.devices.map(\.celsius) == [49])
        #expect(snapshot.devices.map(\.fanPercent) == [75])
        #expect(snapshot.devices.map(\.watts) == [nil], "0 W is a card without a power sensor")
        #expect(snapshot.watts == nil)
    }
}

@Suite struct TrexReaderTests {
    @Test func version0_19() throws {
        let snapshot = try TrexReader.snapshot(Fixture.json("trex-0.19.9-summary.json"))
        #expect(snapshot.software == "T-Rex")
        #expect(snapshot.version == "0.19.9")
        #expect(snapshot.algorithm == "ethash")
        #expect(snapshot.hashrate == WindowedRate(sixtySeconds: 75285363))
        #expect(snapshot.accepted == 85 && snapshot.rejected == 0)
        #expect(snapshot.uptimeSeconds == 5036)
        #expect(snapshot.worker == "0x71f92728888aC84a0bdA64dDE7dd538e20d07E42")
        #expect(snapshot.pools == [MinerSnapshot.Pool(url: "stratum+tcp://us1.ethermine.org:4444", pingSeconds: 0.049)])
        #expect(snapshot.devices == [Fixture.gpu(0, rate: 75285363, celsius: 58, fanPercent: 100, watts: 205)])
        #expect(snapshot.watts == 205)
        let row = snapshot.rig(id: "trex://rig:4067", instance: "trex://rig:4067")
        #expect(row.state == .mining, "T-Rex says nothing of its pool's state: no evidence of a pool down")
        #expect(row.power?.watts == 205)
    }

    @Test func version0_9() throws {
        let snapshot = try TrexReader.snapshot(Fixture.json("trex-0.9.1-summary.json"))
        #expect(snapshot.version == "0.9.1")
        #expect(snapshot.algorithm == "x16r")
        #expect(snapshot.hashrate.sixtySeconds == 7748158)
        #expect(snapshot.accepted == 1)
        #expect(snapshot.pools.first?.url == "stratum+tcp://pool.minermore.com:4501")
        #expect(snapshot.pools.first?.pingSeconds == 0.347)
        #expect(snapshot.devices.map(\.celsius) == [68])
        #expect(snapshot.devices.map(\.fanPercent) == [nil])
        #expect(snapshot.watts == nil)
    }
}

@Suite struct GminerReaderTests {
    @Test func version3() throws {
        let snapshot = try GminerReader.snapshot(Fixture.json("gminer-3.06-stat.json"))
        #expect(snapshot.software == "GMiner")
        #expect(snapshot.version == "3.06")
        #expect(snapshot.algorithm == "Etchash")
        #expect(snapshot.hashrate == WindowedRate(sixtySeconds: 40707234))
        #expect(snapshot.accepted == 0 && snapshot.rejected == 0 && snapshot.stale == 0 && snapshot.hardwareErrors == 0)
        #expect(snapshot.uptimeSeconds == 49)
        #expect(snapshot.worker == "0xA5a52D92ff302fCca9e5b060EC797F01311c66fF.hebe.Worker")
        #expect(snapshot.pools.map(\.url) == ["ssl://hk.crazypool.org:7777"])
        #expect(snapshot.devices == [Fixture.gpu(0, rate: 40707234, celsius: 66, fanPercent: 51, watts: 143)])
        #expect(snapshot.watts == 143)
    }

    @Test func version1_34EightGPUs() throws {
        let snapshot = try GminerReader.snapshot(Fixture.json("gminer-1.34-stat.json"))
        #expect(snapshot.software == "GMiner")
        #expect(snapshot.version == nil)
        #expect(snapshot.algorithm == #"Equihash 150,5 "Beam-PoW""#)
        #expect(snapshot.hashrate == WindowedRate(sixtySeconds: 180), "the sum of the GPUs' Sol/s")
        #expect(snapshot.accepted == 12 && snapshot.rejected == 0 && snapshot.stale == nil)
        #expect(snapshot.devices.map(\.index) == Array(0...7))
        #expect(snapshot.devices.map(\.celsius) == [67, 64, 67, 66, 67, 68, 66, 71])
        #expect(snapshot.watts == 1360)
        #expect(snapshot.hottestCelsius == 71)
        let row = snapshot.rig(id: "g", instance: "g")
        #expect(row.threads == 8)
        #expect(row.state == .mining)
    }

    /// Each GPU's rate is believable, their sum is not: the total is dropped, the GPUs kept.
    @Test func aTotalOutOfRangeIsDropped() throws {
        let stat = try JSONValue.parse(#"{"devices":[{"gpu_id":0,"speed":9e23,"power_usage":9e5},{"gpu_id":1,"speed":9e23,"power_usage":9e5}]}"#)
        let snapshot = try GminerReader.snapshot(stat)
        #expect(snapshot.hashrate.sixtySeconds == nil)
        #expect(snapshot.devices.map(\.hashrate.sixtySeconds) == [9e23, 9e23])
        #expect(snapshot.watts == 1.8e6)
    }

    @Test(arguments: ["[]", "5", #""GMiner""#, #"{"status":"ok"}"#])
    func notAStat(_ text: String) throws {
        #expect(throws: MinerReadError.self) { try GminerReader.snapshot(try JSONValue.parse(text)) }
    }
}

@Suite struct MinerFieldUnitTests {
    @Test(arguments: [
        ("Mh/s", 1e6), ("mh/s", 1e6), ("H/s", 1.0), ("sol/s", 1.0), ("Sol/s", 1.0), ("g/s", 1.0), ("Gh/s", 1e9),
        ("kH/s", 1e3), ("TH/s", 1e12), ("ksol/s", 1e3),
    ])
    func knownUnits(_ label: String, _ scale: Double) {
        #expect(MinerField.unitScale(.string(label)) == scale)
    }

    @Test(arguments: ["", "Mh", "xh/s", "MMh/s", "h/s/s", "\u{1B}[2Jh/s"])
    func unknownUnits(_ label: String) {
        #expect(MinerField.unitScale(.string(label)) == nil)
    }

    @Test func aPoolWithoutStateIsNotDown() {
        var snapshot = MinerSnapshot()
        snapshot.pools = [MinerSnapshot.Pool(url: "p:1")]
        #expect(snapshot.rig(id: "x", instance: "x").state == .mining)
        snapshot.pools.append(MinerSnapshot.Pool(url: "q:1", up: false))
        #expect(snapshot.rig(id: "x", instance: "x").state == .poolDown)
    }
}
