import RigEngine
import RigFigures
import RigInput
import Testing
@testable import RigMiners

@Suite struct XmrigReaderTests {
    @Test func capturedSummaryAndBackends() throws {
        let snapshot = XmrigReader.snapshot(summary: try JSONValue.parse(Captures.xmrigSummary),
                                            backends: try JSONValue.parse(Captures.xmrigBackends))
        #expect(snapshot.software == "xmrig")
        #expect(snapshot.version == "6.26.0")
        #expect(snapshot.algorithm == "rx/0")
        #expect(snapshot.worker == "vm")
        #expect(snapshot.hashrate == WindowedRate(tenSeconds: 15.74))
        #expect(snapshot.accepted == 0)
        #expect(snapshot.rejected == 0)
        #expect(snapshot.uptimeSeconds == 25)
        #expect(snapshot.paused == false)
        #expect(snapshot.pools == [MinerSnapshot.Pool(url: "benchmark:3333", up: true, active: true, pingSeconds: 0)])
        #expect(snapshot.devices.map(\.name) == ["cpu 0"])
        #expect(snapshot.devices.first?.hashrate.tenSeconds == 15.74)
        let row = snapshot.rig(id: "xmrig://127.0.0.1:18088", instance: "xmrig://127.0.0.1:18088")
        #expect(row.state == .mining)
        #expect(row.hashrate.tenSeconds == 15.74)
    }

    @Test func pausedAndGPUHealth() throws {
        let summary = try JSONValue.parse(#"{"paused":true,"hashrate":{"total":[1e300,-5,"x"]},"connection":{"pool":"p:1","uptime":0}}"#)
        let backends = try JSONValue.parse(#"""
            [{"type":"opencl","enabled":true,"threads":[{"index":1,"hashrate":[100,200,null],
              "health":{"temperature":71,"power":120,"fan_speed":[-3,2100]}}]},
             {"type":"cuda","enabled":false,"threads":[{"index":0,"hashrate":[5,5,5]}]}]
            """#)
        let snapshot = XmrigReader.snapshot(summary: summary, backends: backends)
        #expect(snapshot.hashrate == WindowedRate(tenSeconds: nil, sixtySeconds: nil, fifteenMinutes: nil))
        #expect(snapshot.paused == true)
        #expect(snapshot.devices.count == 1)
        #expect(snapshot.devices.first?.name == "opencl 1")
        #expect(snapshot.devices.first?.fanRPM == 2100)
        #expect(snapshot.watts == 120)
        #expect(snapshot.rig(id: "x", instance: "x").state == .paused)
    }
}

@Suite struct CpuminerReaderTests {
    @Test func summaryAndThreads() throws {
        let snapshot = try CpuminerReader.snapshot(summary: try CpuminerReader.records(Array(Captures.cpuminerSummary.utf8) + [0]),
                                                   threads: try CpuminerReader.records(Array(Captures.cpuminerThreads.utf8) + [0]))
        #expect(snapshot.software == "cpuminer-opt")
        #expect(snapshot.version == "23.15")
        #expect(snapshot.algorithm == "yespower")
        #expect(snapshot.hashrate.sixtySeconds == 5103.27)
        #expect(snapshot.accepted == 41)
        #expect(snapshot.rejected == 1)
        #expect(snapshot.uptimeSeconds == 2038)
        #expect(snapshot.hottestCelsius == 61)
        #expect(snapshot.devices.map(\.hashrate.sixtySeconds) == [1280, 1270, 998.5, 1550])
    }

    @Test(arguments: ["", "garbage", "HS=1e300;NAME=x|", "NAME=x;HS=-4;ACC=-1;REJ=1.5;UPTIME=nan;TEMP=1e9|"])
    func hostileSummaries(_ text: String) {
        // Either a clear error or a snapshot without the bad fields; never a trap.
        if let snapshot = try? CpuminerReader.snapshot(summary: CpuminerReader.records(Array(text.utf8)), threads: []) {
            #expect(snapshot.hashrate.sixtySeconds == nil)
            #expect(snapshot.accepted == nil)
            #expect(snapshot.rejected == nil)
            #expect(snapshot.uptimeSeconds == nil)
            #expect(snapshot.temperatures.isEmpty)
        }
    }
}
