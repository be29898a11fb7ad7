import Foundation
import RigEngine
import RigFarm
@testable import RigFarmSources
import RigRuntime
import RigSchema
import RigSensors
import Testing
@testable import RigAPI
@testable import RigFarm

/// The API and the farm speak through RigSchema: what one writes, the other reads. A test peer
/// that shares the schema but not the code on either side.
@Suite struct SchemaAgreementTests {
    /// A mining state with every optional part present: sensors, a measured CPU package power,
    /// earnings, a pool and a thermal guard with its limits.
    static func fullState() throws -> (RigState, SysfsTree) {
        let tree = try SysfsTree(celsius: 61)
        var sample = tree.sample()
        sample.power.append(PowerReading(source: .rapl, label: "package-0", domain: .cpu, watts: 65.5))
        var state = SampleState.state(sensors: sample)
        state.thermalGuard.phase = .normal
        state.thermalGuard.limitCelsius = 85
        state.thermalGuard.criticalCelsius = 95
        try #require(state.earnings != nil && state.miningPower != nil && state.cpuTemperature != nil)
        return (state, tree)
    }

    @Test func servedDocumentDecodesToTheSameParts() throws {
        let (state, _) = try Self.fullState()
        let served = StateDocument.Served(state)
        let read = try RigStateDocument(reading: StateDocument.data(state))
        #expect(read.schema == StateDocument.schema)
        #expect(read.version == served.version && read.worker == served.worker && read.startedAt == served.startedAt)
        #expect(read.engine == served.engine)
        #expect(read.engine?.threads?.count == 2 && read.engine?.pool?.connection == .mining)
        #expect(read.cpuTemperature == served.cpuTemperature)
        #expect(read.throttling == served.throttling && read.thermalGuard == served.thermalGuard)
        #expect(read.power == served.power && read.earnings == served.earnings && read.ledger == served.ledger)
        #expect(read.notices == served.notices)
        let chips = try #require(read.sensors?.chips)
        #expect(chips.count == state.sensors?.chips.count)
        #expect(chips.first?.channels.compactMap(\.celsius) == [61])
    }

    @Test func farmRowAndDetailFromTheServedDocument() throws {
        let (state, _) = try Self.fullState()
        let document = try RigStateDocument(reading: StateDocument.data(state))
        let rig = document.rig(id: "http://r:1", instance: "r:1")
        #expect(rig.worker == "rig-7" && rig.coin == "BTC" && rig.algorithm == "sha256d")
        #expect(rig.version == RigtopVersion.string)
        #expect(rig.state == .mining)
        #expect(rig.hashrate == state.engine.hashrate)
        #expect(rig.shares == FarmShares(accepted: 7, rejected: 2, stale: 1))
        #expect(rig.temperature == FarmTemperature(celsius: 61, limitCelsius: 85, criticalCelsius: 95))
        #expect(rig.power == FarmPower(watts: 65.5, measured: true))
        #expect(rig.earnings?.netPerDay == state.earnings?.netPerDay)
        #expect(rig.threads == 2)
        let detail = document.detail
        #expect(detail.threads == [FarmRigDetail.Thread(index: 0, tenSeconds: 1_000_000, sixtySeconds: 800_000),
                                   FarmRigDetail.Thread(index: 1, tenSeconds: 1_000_000, sixtySeconds: 700_000)])
        #expect(detail.temperatures.map(\.value) == [61])
        #expect(detail.pools == [FarmRigDetail.Pool(url: SampleState.poolURL, up: true, pingSeconds: 0.0425)])
        #expect(detail.guardActive == true && detail.guardStopped == false)
    }

    /// The names of every metric family in an exposition (its `# TYPE` lines).
    static func families(_ exposition: String) -> Set<String> {
        Set(exposition.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            return words.count == 4 && words[0] == "#" && words[1] == "TYPE" ? String(words[2]) : nil
        })
    }

    /// The rigtop metric names a PromQL expression mentions.
    static func metricNames(_ query: String) -> Set<String> {
        Set(query.matches(of: /rigtop_[a-z0-9_]+/).map { String($0.output) })
    }

    @Test func everyFarmQueryAsksOnlyForEmittedMetrics() throws {
        let (state, _) = try Self.fullState()
        let emitted = Self.families(MetricsExposition.text(state))
        typealias Query = PrometheusFarmSource.Query
        let queries = [Query.rigs, Query.liveRigs, Query.up, Query.history, Query.accepted, Query.lastSeen(instances: ["a:1", "b.c:2"]),
                       Query.detail(instance: "a:1", job: "rigtop")] + Query.figures
        for query in queries {
            let names = Self.metricNames(query)
            #expect(!names.isEmpty, "no rigtop metric in \(query)")
            #expect(names.isSubset(of: emitted), "\(query) asks for \(names.subtracting(emitted).sorted()), never emitted")
        }
        #expect(Self.metricNames(Query.detail(instance: "a:1", job: nil)) == Set(Query.detailNames))
        // The label values the farm matches are the ones the exposition writes.
        let text = MetricsExposition.text(state)
        #expect(text.contains(#"\#(MetricName.hashrate){\#(MetricLabel.window)="60s"}"#))
        #expect(text.contains(#"\#(MetricName.shares){\#(MetricLabel.result)="accepted"}"#))
        #expect(text.contains(#"\#(MetricLabel.measured)="true""#))
    }
}

extension LiveServers {
    /// A started rig behind its HTTP API, read by the farm's direct mode over HTTP.
    @Suite struct SchemaAgreementOverHTTPTests {
        @Test func farmReadsARunningRig() async throws {
            try await LiveServers.withHTTPServer(token: nil, startRig: true) { rig, port in
                let source = RigStateFarmSource(rigs: ["http://127.0.0.1:\(port)"], now: { 1_000 })
                let snapshot = try await source.snapshot()
                #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
                let row = try #require(snapshot.rigs.first)
                let state = rig.board.current
                #expect(row.state != .down)
                #expect(row.worker == "api-test" && row.coin == "BTC" && row.algorithm == state.engine.algorithm.rawValue)
                #expect(row.version == RigtopVersion.string)
                #expect(row.threads == state.engine.threads.count)
                #expect(row.temperature?.celsius == 50)
                let detail = try await source.detail(of: row)
                #expect(detail.threads.map(\.index) == state.engine.threads.map(\.index))
                #expect(detail.temperatures.map(\.value) == [50])
                #expect(detail.guardActive == true)
            }
        }
    }
}
