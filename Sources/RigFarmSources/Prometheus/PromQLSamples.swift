import RigInput
import RigSchema

/// Samples grouped by rig (`job/instance`, or `job/instance/miner` for a miner that an exporter
/// serves), and the readers the farm uses to take figures out
/// of them safely.
struct PromQLSamples {
    private(set) var byRig: [String: [PromSample]] = [:]

    init(_ samples: [PromSample]) {
        for sample in samples {
            byRig[Self.rigKey(sample.labels), default: []].append(sample)
        }
    }

    /// The row a series belongs to: its scrape target, and the miner within it where one
    /// exporter target serves several miners (their series carry a `miner` label; a rigtop rig's
    /// have none, so its key is its target's).
    static func rigKey(_ labels: [String: String]) -> String {
        guard let miner = labels[MetricLabel.miner], !miner.isEmpty else { return targetKey(labels) }
        return "\(targetKey(labels))/\(miner)"
    }

    /// The scrape target a series came from, for the facts Prometheus keeps per target (`up`).
    static func targetKey(_ labels: [String: String]) -> String {
        "\(labels["job"] ?? "")/\(labels["instance"] ?? "")"
    }

    /// The finite value of the rig's first series named `name` whose labels include `match`.
    func value(_ rig: String, _ name: String, _ match: [String: String] = [:]) -> Double? {
        sample(rig, name, match)?.point.finiteValue
    }

    /// The series' labels as well as its value.
    func sample(_ rig: String, _ name: String, _ match: [String: String] = [:]) -> PromSample? {
        byRig[rig]?.first { sample in
            sample.labels["__name__"] == name && match.allSatisfy { sample.labels[$0.key] == $0.value }
                && sample.point.finiteValue != nil
        }
    }

    /// All of the rig's series named `name`.
    func all(_ rig: String, _ name: String) -> [PromSample] {
        byRig[rig]?.filter { $0.labels["__name__"] == name } ?? []
    }

    /// A 0/1 gauge as a flag; nil when absent.
    func flag(_ rig: String, _ name: String) -> Bool? {
        value(rig, name).map { $0 != 0 }
    }

    /// A counter as a whole number; nil when absent, negative or beyond 2^53.
    func count(_ rig: String, _ name: String, _ match: [String: String]) -> UInt64? {
        let value = sample(rig, name, match)?.point.value
        return try? UntrustedNumber.whole(value?.rounded(.down), name, in: 0...(UInt64(1) << 53))
    }

    /// A figure that must lie in `range` to be shown (a temperature of 1e30 °C is no reading).
    func figure(_ rig: String, _ name: String, _ match: [String: String] = [:], in range: ClosedRange<Double>) -> Double? {
        try? UntrustedNumber.finite(value(rig, name, match), name, in: range)
    }
}
