@testable import RigFarm
@testable import RigFarmSources
import RigFigures
import RigSchema
import Testing

/// Miners that `rigtop exporter` serves, as the Prometheus-mode farm sees them: one scrape target
/// carrying many miners, each its own row by its `miner` label, beside rigtop rigs keyed by target.
@Suite struct PrometheusExporterMinersTests {
    typealias Replies = PrometheusFarmSourceTests

    static let exporter = "10.0.0.9:9300"
    static let job = "rigtop-exporter"

    /// A series of the exporter's, as it writes them: every one carries `miner` and `kind`.
    static func minerSeries(_ miner: String, _ name: String, _ extra: [String: String] = [:]) -> [String: String] {
        ["__name__": name, "instance": exporter, "job": job, MetricLabel.miner: miner, MetricLabel.kind: "cgminer"]
            .merging(extra) { $1 }
    }

    /// Replies for an exporter with `s19` mining and `d3` failing its last read, beside a rigtop rig.
    /// The down miner's identity comes from `last_over_time` (its info series stopped with the
    /// read), and its only current series is `rigtop_miner_up` 0.
    static func snapshot() throws -> FarmSnapshot {
        let identities = try Replies.vector([
            (Replies.info("a:1", worker: "alpha"), "1"),
            (minerSeries("s19", MetricName.info, [MetricLabel.worker: "Antminer S19", MetricLabel.algorithm: "sha256d",
                                                  MetricLabel.version: "bmminer 1.0"]), "1"),
            (minerSeries("d3", MetricName.info, [MetricLabel.worker: "Antminer D3", MetricLabel.algorithm: "x11"]), "1"),
        ])
        // `up and on(instance, job) …`: one per target, no `miner` label.
        let up = try Replies.vector([
            (Replies.figure("a:1", "up"), "1"),
            (["__name__": "up", "instance": exporter, "job": job], "1"),
        ])
        let figures = try Replies.vector([
            (Replies.figure("a:1", MetricName.hashrate, [MetricLabel.window: "60s"]), "2000"),
            (minerSeries("s19", MetricName.hashrate, [MetricLabel.window: "10s"]), "95000000000000"),
            (minerSeries("s19", MetricName.hashrate, [MetricLabel.window: "60s"]), "94000000000000"),
            (minerSeries("s19", MetricName.shares, [MetricLabel.result: "accepted"]), "812"),
            (minerSeries("s19", MetricName.miningPower, [MetricLabel.measured: "true"]), "3250"),
            // `rigtop_miner_up == 0` keeps the name and only the failed miner.
            (minerSeries("d3", MetricName.minerUp), "0"),
        ])
        let lastSeen = try Replies.vector([
            (["instance": exporter, "job": job, MetricLabel.miner: "d3", MetricLabel.kind: "cgminer"], "\(Replies.at - 40)"),
            (["instance": exporter, "job": job, MetricLabel.miner: "s19", MetricLabel.kind: "cgminer"], "\(Replies.at - 2)"),
        ])
        return Replies.snapshot(identities: identities, up: up, figures: figures, lastSeen: lastSeen)
    }

    @Test func eachMinerIsItsOwnRowBesideTheRig() throws {
        let snapshot = try Self.snapshot()
        #expect(snapshot.rigs.map(\.worker) == ["alpha", "Antminer S19", "Antminer D3"])
        #expect(Set(snapshot.rigs.map(\.id)).count == 3)
        let rigs = Dictionary(uniqueKeysWithValues: snapshot.rigs.map { ($0.worker, $0) })

        let alpha = try #require(rigs["alpha"])
        #expect(alpha.id == "rigtop/a:1", "a rigtop rig keeps its target's key")
        #expect(alpha.miner == nil && alpha.state == .mining && alpha.hashrate.sixtySeconds == 2000)

        let s19 = try #require(rigs["Antminer S19"])
        #expect(s19.id == "\(Self.job)/\(Self.exporter)/s19")
        #expect(s19.instance == Self.exporter && s19.job == Self.job && s19.miner == "s19")
        #expect(s19.state == .mining)
        #expect(s19.hashrate == WindowedRate(tenSeconds: 95e12, sixtySeconds: 94e12, fifteenMinutes: nil))
        #expect(s19.shares.accepted == 812)
        #expect(s19.power == FarmPower(watts: 3250, measured: true))
        #expect(s19.algorithm == "sha256d" && s19.version == "bmminer 1.0")

        let d3 = try #require(rigs["Antminer D3"])
        #expect(d3.id == "\(Self.job)/\(Self.exporter)/d3" && d3.miner == "d3")
        #expect(d3.state == .down, "rigtop_miner_up 0 is a miner the exporter could not read")
        #expect(d3.downForSeconds == 40)
        #expect(d3.hashrate == WindowedRate())
        #expect(d3.algorithm == "x11", "a down miner keeps who it was")
    }

    /// A miner the exporter has never read (wrong address, powered off since the exporter
    /// started) has no info series, current or past: its `rigtop_miner_up` 0 alone makes its row.
    @Test func aMinerNeverReadIsADownRow() throws {
        let identities = try Replies.vector([
            (Self.minerSeries("s19", MetricName.info, [MetricLabel.worker: "s19"]), "1"),
        ])
        let up = try Replies.vector([(["__name__": "up", "instance": Self.exporter, "job": Self.job], "1")])
        let figures = try Replies.vector([
            (Self.minerSeries("s19", MetricName.hashrate, [MetricLabel.window: "60s"]), "94000000000000"),
            (Self.minerSeries("ghost", MetricName.minerUp), "0"),
        ])
        let snapshot = Replies.snapshot(identities: identities, up: up, figures: figures)
        #expect(snapshot.rigs.map(\.id) == ["\(Self.job)/\(Self.exporter)/s19", "\(Self.job)/\(Self.exporter)/ghost"])
        #expect(snapshot.rigs.map(\.state) == [.mining, .down])
        #expect(snapshot.rigs.last?.miner == "ghost")
    }

    @Test func aDownExporterTakesEveryMinerDown() throws {
        let identities = try Replies.vector([
            (Self.minerSeries("s19", MetricName.info, [MetricLabel.worker: "s19"]), "1"),
            (Self.minerSeries("d3", MetricName.info, [MetricLabel.worker: "d3"]), "1"),
        ])
        let up = try Replies.vector([(["__name__": "up", "instance": Self.exporter, "job": Self.job], "0")])
        let snapshot = Replies.snapshot(identities: identities, up: up, figures: [])
        #expect(snapshot.rigs.map(\.state) == [.down, .down])
    }

    @Test func queriesJoinOnTheMinerToo() {
        typealias Query = PrometheusFarmSource.Query
        #expect(Query.rigs.contains("unless on(instance, job, miner) rigtop_info"))
        #expect(Query.minersDown == "rigtop_miner_up == 0")
        #expect(Query.detail(instance: "h:1", job: "j", miner: "s19") == Query.detail(instance: "h:1", job: "j").dropLast() + #",miner="s19"}"#)
    }
}
