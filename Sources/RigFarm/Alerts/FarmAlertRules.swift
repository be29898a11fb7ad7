/// The farm's alert rules evaluated by rigtop itself, for direct mode (`--rig`, `--miner`), where
/// no Prometheus evaluates `deploy/prometheus/rigtop-alerts.rules.yml`. The same names, the same
/// conditions read off the rows, the same "for" durations and severities, so a farm shows the same
/// alerts whichever way it is read. The rules that need an hour of history or share increases
/// (hashrate dropped, reject ratio) stay Prometheus'.
///
/// A value owned by one source: it remembers since when each rule has held for each row, and
/// forgets a row's condition the first refresh it no longer holds, as Prometheus resets a pending
/// alert.
public struct FarmAlertRules: Sendable {
    /// One rule: its alert name, severity, how long its condition must hold, the condition on a
    /// row and the summary it fires with.
    struct Rule: Sendable {
        var name: String
        var severity: String
        var forSeconds: Double
        var holds: @Sendable (FarmRig) -> Bool
        var summary: @Sendable (FarmRig) -> String
    }

    static let rules: [Rule] = [
        Rule(name: "RigtopRigDown", severity: "critical", forSeconds: 120,
             holds: { $0.miner == nil && $0.state == .down },
             summary: { "Rig \($0.instance) cannot be reached" }),
        Rule(name: "RigtopMinerDown", severity: "critical", forSeconds: 180,
             holds: { $0.miner != nil && $0.state == .down },
             summary: { "Miner \($0.miner ?? $0.instance) does not answer" }),
        Rule(name: "RigtopCPUAtThermalLimit", severity: "warning", forSeconds: 120,
             holds: { rig in
                 guard rig.state != .down, let temperature = rig.temperature, let limit = temperature.limitCelsius else { return false }
                 return temperature.celsius >= limit
             },
             summary: { "CPU of \($0.instance) at its temperature limit" }),
        Rule(name: "RigtopThermalGuardStopped", severity: "critical", forSeconds: 0,
             holds: { $0.state == .tooHot },
             summary: { "Rig \($0.instance) stopped hashing: CPU too hot" }),
        Rule(name: "RigtopPoolDown", severity: "critical", forSeconds: 180,
             holds: { $0.state == .poolDown },
             summary: { "Rig \($0.instance) is not mining on any pool" }),
    ]

    /// Since when (Unix seconds) each rule has held for each row: rule name → row id → time.
    private var holdingSince: [String: [String: Double]] = [:]

    public init() {}

    /// The alerts firing after the refresh `snapshot` (taken at its `time`), newest first, as
    /// Prometheus' alerts list them for the panel.
    public mutating func evaluate(_ snapshot: FarmSnapshot) -> [FarmAlert] {
        let now = snapshot.time
        var firing: [FarmAlert] = []
        for rule in Self.rules {
            let since = holdingSince[rule.name] ?? [:]
            var still: [String: Double] = [:]
            for rig in snapshot.rigs where rule.holds(rig) {
                let start = since[rig.id] ?? now
                still[rig.id] = start
                if now - start >= rule.forSeconds {
                    firing.append(FarmAlert(name: rule.name, instance: rig.miner ?? rig.instance, severity: rule.severity,
                                            summary: rule.summary(rig), activeAt: start))
                }
            }
            holdingSince[rule.name] = still
        }
        return firing.sorted { ($0.activeAt ?? 0, $0.name) > ($1.activeAt ?? 0, $1.name) }
    }
}
