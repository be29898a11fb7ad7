import RigEngine
import RigFigures
import RigInput
import Testing
@testable import RigMiners

@Suite struct CgminerReaderTests {
    static func reply(_ text: String) throws -> JSONValue {
        try CgminerReply.parse(Array(text.utf8) + [0])
    }

    @Test func antminerD3StatsWithItsMissingComma() throws {
        let snapshot = CgminerReader.snapshot([
            "version": try Self.reply(Captures.antminerD3Version), "stats": try Self.reply(Captures.antminerD3Stats),
            "pools": try Self.reply(Captures.antminerD3Pools),
        ])
        #expect(snapshot.software == "CGMiner")
        #expect(snapshot.version == "4.9.0")
        #expect(snapshot.model == "Antminer D3")
        // The D3 labels MH/s as GHS: 16346.64 "GHS" is 16.3 GH/s (foreman-apps reads it so).
        #expect(snapshot.hashrate.tenSeconds == 16346.64e6)
        #expect(snapshot.devices.map(\.name) == ["board 1", "board 2", "board 3"])
        #expect(snapshot.devices.map(\.hashrate.sixtySeconds) == [5287.83e6, 5631.41e6, 5427.41e6])
        #expect(snapshot.devices.map(\.chips) == [60, 60, 60])
        #expect(snapshot.devices.map(\.chipCelsius) == [69, 67, 62])
        #expect(snapshot.devices.map(\.celsius) == [46, 46, 48])
        #expect(snapshot.fansRPM == [6030, 5790])
        #expect(snapshot.hottestCelsius == 69)
        #expect(snapshot.pools.first == MinerSnapshot.Pool(url: "stratum+tcp://dash-eu.coinmine.pl:6099", up: true, active: true))
        #expect(snapshot.worker == "Dash.default")
        let row = snapshot.rig(id: "cgminer://d3:4028", instance: "cgminer://d3:4028")
        #expect(row.state == .mining)
        #expect(row.threads == 3)
        #expect(row.temperature?.celsius == 69)
    }

    @Test func antminerS17ProDashedSensors() throws {
        let snapshot = CgminerReader.snapshot(["stats": try Self.reply(Captures.antminerS17ProStats)])
        #expect(snapshot.software == "BMMiner")
        #expect(snapshot.model == "Antminer S17 Pro")
        #expect(snapshot.hashrate.tenSeconds == 54997.01e9)
        #expect(snapshot.hashrate.fifteenMinutes == 54297.86e9)
        #expect(snapshot.devices.map(\.hashrate.tenSeconds) == [17968.26e9, 18418.00e9, 18610.75e9])
        #expect(snapshot.devices.map(\.chipCelsius) == [80, 75, 63])
        #expect(snapshot.devices.map(\.celsius) == [53, 53, 45])
        #expect(snapshot.fansRPM == [2400, 3000, 3120, 2400])
    }

    @Test func whatsminerSummaryAndPools() throws {
        let snapshot = CgminerReader.snapshot([
            "summary": try Self.reply(Captures.whatsminerM20SSummary), "pools": try Self.reply(Captures.whatsminerM20SPools),
        ])
        #expect(snapshot.hashrate == WindowedRate(tenSeconds: 65371302.78e6, sixtySeconds: 65463822.08e6, fifteenMinutes: 65496891.24e6))
        #expect(snapshot.accepted == 33825)
        #expect(snapshot.rejected == 185)
        #expect(snapshot.stale == 27)
        #expect(snapshot.hardwareErrors == 1601)
        #expect(snapshot.uptimeSeconds == 97139)
        #expect(snapshot.fansRPM == [4590, 4560])
        #expect(snapshot.hottestCelsius == 75)
        #expect(snapshot.currentPool?.url == "stratum+tcp://us-east.stratum.slushpool.com:3333")
        #expect(snapshot.worker == "002m20s")
    }

    @Test func whatsminerUnknownCommandIsAnError() {
        #expect(throws: MinerReadError("the miner answered invalid cmd")) {
            try CgminerReply.parse(Array(Captures.whatsminerUnknownCommand.utf8))
        }
    }

    @Test func braiinsTempsAndFans() throws {
        let snapshot = CgminerReader.snapshot([
            "summary": try Self.reply(Captures.braiinsS9Summary), "fans": try Self.reply(Captures.braiinsS9Fans),
            "temps": try Self.reply(Captures.braiinsS9Temps),
        ])
        #expect(snapshot.hashrate.sixtySeconds == 1.4194945838709138e13)
        #expect(abs((snapshot.hashrate.fifteenMinutes ?? 0) - 1368586.556684464e6) < 1)
        #expect(snapshot.accepted == 68)
        #expect(snapshot.fansRPM == [1560, 1560, 0, 0])
        #expect(snapshot.temperatures.map(\.name) == ["board 6", "board 7", "board 8"])
        #expect(snapshot.hottestCelsius == 53)
    }

    @Test func theNulTerminatorMayBeMissing() throws {
        let with = try CgminerReply.parse(Array(Captures.whatsminerM20SSummary.utf8) + [0])
        let without = try CgminerReply.parse(Array(Captures.whatsminerM20SSummary.utf8))
        #expect(with == without)
    }
}
