import RigFarm
import RigFigures
import RigInput
import RigSchema

/// The farm as Prometheus sees it: a handful of PromQL queries over the rigs' `/metrics`
/// series, whatever the number of rigs (one query per figure family, never one per rig).
///
/// Rigs are the `(job, instance, miner)` series that exposed `rigtop_info` in the last hour, so a
/// rig that died stays listed as down with the coin and worker it last reported. A rigtop rig has
/// no `miner` label and is one row per target; `rigtop exporter` is one target serving many
/// miners, each with its own `miner` label and so its own row.
///
/// Refreshes after the first ask only for what can have changed (``PrometheusFarmMemory``): the
/// hour of info series that finds rigs gone is read every five minutes, the history windows
/// grow by their new steps, and an unscraped rig's last sighting is asked once.
public struct PrometheusFarmSource: FarmSource {
    public let client: PrometheusClient
    /// A fixed evaluation time (Unix seconds) instead of now: backfilled data, the benchmark.
    public var time: Double?
    /// The current time, for the age of a fixed-time snapshot's alerts; injected for tests.
    public var now: @Sendable () -> Double

    /// How far back the sparkline and the last share's age look, seconds.
    public static let historySeconds = 15.0 * 60
    /// Sparkline points: one per 30 s over 15 minutes.
    public static let historyStep = 30.0
    /// How often the rigs are listed in full (with the rigs gone in the last hour); in between,
    /// the live info series are laid over the last full list.
    public static let identitiesRereadSeconds = 300.0
    /// What each refresh leaves for the next; shared by this source's copies.
    let memory: PrometheusFarmMemory

    public init(client: PrometheusClient, time: Double? = nil, now: @escaping @Sendable () -> Double) {
        self.client = client
        self.time = time
        self.now = now
        memory = PrometheusFarmMemory(step: Self.historyStep, window: Self.historySeconds)
    }

    enum Query {
        typealias Name = MetricName
        /// Every rig's identity: its current info series, else the last one in the hour. A series
        /// without `miner` joins on an empty one, so a rigtop rig matches as by target alone.
        static let rigs = "\(Name.info) or (last_over_time(\(Name.info)[1h]) unless on(instance, job, miner) \(Name.info))"
        /// The rigs' current info series: between full reads, what is laid over the known rigs.
        static let liveRigs = Name.info
        /// Whether each rig's last scrape worked (`up` is Prometheus' own series for a target).
        /// It joins on the target only: `up` has no `miner` label, and an exporter's `up` is
        /// every one of its miners' first condition.
        static let up = "up and on(instance, job) last_over_time(\(Name.info)[1h])"
        /// `up` of the known rigs' jobs, without the hour of info series behind `up`.
        static func up(jobs: [String]) -> String {
            "up{job=~\(quoted(jobs.map(regexEscaped).joined(separator: "|")))}"
        }
        /// The rows' figures, one query per metric. One `__name__=~` regex over the twelve cost
        /// Prometheus as much CPU as the twelve (at 1,000 rigs, 154 ms against about 135 ms) and
        /// answers later than twelve run side by side; an `or` of them would keep one series per
        /// label set, as its sides match on the labels without the name.
        /// Flags come back only where raised (comparisons keep the metric's name); a reachable
        /// rig without a raised flag is mining.
        static let figures = [
            Name.hashrate, shares, Name.cpuTemperature, Name.temperatureLimit, Name.temperatureCritical,
            Name.miningPower, Name.earningsNetPerDay, Name.threads,
            "\(Name.paused) == 1", "\(Name.thermalGuardStopped) == 1", "\(Name.throttling) == 1", "\(Name.poolUp) == 0",
        ]
        /// For the rigs that are down (their instances): the time of their last scraped sample.
        /// The subquery's `timestamp()` keeps each sample's own time, so the step costs no
        /// precision, but a rig must have been up across one 5 s step to be seen; 720 steps per
        /// rig, so it is asked only for the down rigs.
        /// `instances` are targets that were not scraped (all their rows are down); `miners` the
        /// exporters' miners whose read failed, asked for by their own `miner` label as well: an
        /// exporter serves many miners, and the hour of 5 s steps over all of them cost
        /// Prometheus more than the rest of a refresh together.
        static func lastSeen(instances: [String], miners: [(instance: String, miner: String)] = []) -> String {
            func pattern(_ values: [String]) -> String { quoted(Set(values).sorted().map(regexEscaped).joined(separator: "|")) }
            var selectors: [String] = []
            if !instances.isEmpty { selectors.append("instance=~\(pattern(instances))") }
            if !miners.isEmpty {
                selectors.append("instance=~\(pattern(miners.map(\.instance))),\(MetricLabel.miner)=~\(pattern(miners.map(\.miner)))")
            }
            return selectors.map { "max_over_time(timestamp(\(Name.info){\($0)})[1h:5s])" }.joined(separator: " or ")
        }
        /// The exporter's miners whose last read failed: the exporter answered, the miner did not.
        /// Apart from `figures` because only an exporter writes it, never a rigtop rig.
        static let minersDown = "\(Name.minerUp) == 0"
        /// The share counts the rows show; a rig's other results (hardware errors) are not read.
        static let shares = "\(Name.shares){\(MetricLabel.result)=~" + quoted(
            [ShareResult.accepted, .rejected, .stale].map(\.rawValue).joined(separator: "|")) + "}"
        static let history = "\(Name.hashrate){\(MetricLabel.window)=\(quoted(RateWindow.sixtySeconds.rawValue))}"
        static let accepted = "\(Name.shares){\(MetricLabel.result)=\(quoted(ShareResult.accepted.rawValue))}"
        /// The detail screen's series, one regex over their names: one rig's few dozen series.
        static let detailNames = [
            Name.threadHashrate, Name.temperature, Name.power, Name.poolUp, Name.poolPingSeconds,
            Name.thermalGuardShedThreads, Name.thermalGuardStopped, Name.thermalGuardActive,
        ]
        /// The detail screen's query for the rig at `instance` of `job` (and `miner`, for one
        /// of an exporter's miners).
        static func detail(instance: String, job: String?, miner: String? = nil) -> String {
            let selector = "instance=\(quoted(instance))" + (job.map { ",job=\(quoted($0))" } ?? "")
                + (miner.map { ",\(MetricLabel.miner)=\(quoted($0))" } ?? "")
            let names = detailNames.map(regexEscaped).joined(separator: "|")
            return "{__name__=~\(quoted(names)),\(selector)}"
        }
    }

    public func snapshot() async throws -> FarmSnapshot {
        let at = time ?? now()
        let client = client
        var carried = memory.current
        // The hour-long identity read only when due; in between, the live info series and the
        // rigs known from before. `up` then asks only for the known rigs' jobs.
        let knownJobs = Set(carried.identities.compactMap { $0.labels["job"] })
        let readAll = carried.identitiesReadAt.map { at < $0 || at - $0 >= Self.identitiesRereadSeconds } ?? true
            || knownJobs.isEmpty
        // Every query at once; a query's own deadline (FarmHTTP) bounds each task.
        let rigs = Task { try await client.query(readAll ? Query.rigs : Query.liveRigs, at: at) }
        let up = Task { try await client.query(readAll ? Query.up : Query.up(jobs: knownJobs.sorted()), at: at) }
        let figureQueries = Query.figures + [Query.minersDown]
        let figures = figureQueries.map { query in Task { try await client.query(query, at: at) } }
        let historyRange = carried.history.missing(at: at)
        let acceptedRange = carried.accepted.missing(at: at)
        let history = Task { try await client.queryRange(Query.history, start: historyRange.start, end: historyRange.end, step: Self.historyStep) }
        let accepted = Task { try await client.queryRange(Query.accepted, start: acceptedRange.start, end: acceptedRange.end, step: Self.historyStep) }
        let alerts = Task { try await client.alerts() }

        // The rows need the identities; everything else may be missing, with a warning.
        let identities: [PromSample]
        if readAll {
            identities = try await rigs.value.samples
            carried.identitiesReadAt = at
        } else {
            identities = Self.merged(known: carried.identities, live: try await rigs.value.samples)
        }
        carried.identities = identities
        var warnings: [String] = []
        func settled<T: Sendable>(_ what: String, _ task: Task<T, any Error>) async -> T? {
            do { return try await task.value } catch {
                warnings.append("\(what): \(error)")
                return nil
            }
        }
        var upList = await settled("up", up)?.samples
        // A rig of a job first seen in this refresh: its job's `up` as well.
        let newJobs = Set(identities.compactMap { $0.labels["job"] }).subtracting(knownJobs)
        if !readAll, !newJobs.isEmpty, let known = upList {
            let more = Task { try await client.query(Query.up(jobs: newJobs.sorted()), at: at) }
            upList = await settled("up", more).map { known + $0.samples }
        }
        let upSamples = PromQLSamples(upList ?? [])
        var figureList: [PromSample] = []
        for (query, task) in zip(figureQueries, figures) {
            figureList += await settled(query, task)?.samples ?? []
        }
        let figureSamples = PromQLSamples(figureList)
        // Down rigs' instances: targets whose scrape failed, and exporters with a miner whose read failed.
        let scraped = Set(upSamples.byRig.values.joined().filter { $0.value == 1 }.compactMap { $0.labels["instance"] })
        let unscraped = Set(identities.map { $0.labels["instance"] ?? "" }).subtracting(scraped)
        let downMiners = figureSamples.byRig.values.joined().filter { $0.labels["__name__"] == MetricName.minerUp }
            .compactMap { sample in sample.labels["instance"].map { (instance: $0, miner: sample.labels[MetricLabel.miner] ?? "") } }
        let down = unscraped.union(downMiners.map(\.instance))
        // An unscraped target's last sample stays where it was while it stays unscraped: it is
        // asked once. A miner whose exporter is scraped may still be listed, so it is asked each time.
        var asked = carried.lastSeenAsked.intersection(unscraped)
        var lastSeenList = carried.lastSeen.filter { asked.contains($0.labels["instance"] ?? "") }
        let toAsk = upList == nil ? [] : down.subtracting(asked)
        if !toAsk.isEmpty {
            let targets = toAsk.intersection(unscraped).sorted()
            let miners = downMiners.filter { toAsk.contains($0.instance) && !unscraped.contains($0.instance) }
            let lastSeen = Task { try await client.query(Query.lastSeen(instances: targets, miners: miners), at: at) }
            if let read = await settled("last seen", lastSeen)?.samples {
                lastSeenList += read.filter { toAsk.contains($0.labels["instance"] ?? "") }
                asked.formUnion(toAsk.intersection(unscraped))
            }
        }
        carried.lastSeenAsked = asked
        carried.lastSeen = lastSeenList.filter { asked.contains($0.labels["instance"] ?? "") }
        if let read = await settled("history", history) {
            carried.history.merge(read.series, range: historyRange)
        }
        if let read = await settled("shares history", accepted) {
            carried.accepted.merge(read.series, range: acceptedRange)
        }
        let alertList = await settled("alerts", alerts) ?? []
        memory.store(carried)
        let historyEnd = carried.history.newest ?? carried.history.gridStep(atOrBefore: at)
        return Self.snapshot(at: at, source: client.baseURL, identities: identities, up: upSamples, figures: figureSamples,
                             lastSeen: PromQLSamples(lastSeenList), history: carried.history.all, historyEnd: historyEnd,
                             accepted: carried.accepted.all, alerts: alertList, warnings: warnings)
    }

    /// The rigs known from before with the live info series laid over them: a rig's live series
    /// replaces what was known of it, and a rig seen for the first time comes last.
    static func merged(known: [PromSample], live: [PromSample]) -> [PromSample] {
        var liveByRig: [String: PromSample] = [:]
        for sample in live where liveByRig[PromQLSamples.rigKey(sample.labels)] == nil {
            liveByRig[PromQLSamples.rigKey(sample.labels)] = sample
        }
        var seen = Set<String>()
        var out: [PromSample] = []
        out.reserveCapacity(max(known.count, live.count))
        for sample in known + live {
            let key = PromQLSamples.rigKey(sample.labels)
            guard seen.insert(key).inserted else { continue }
            out.append(liveByRig[key] ?? sample)
        }
        return out
    }

    /// The snapshot from the queries' results: pure, so recorded replies test it. `historyEnd`
    /// is the newest step of `history` (the grid step at or before `at`; `at` when not given).
    static func snapshot(at: Double, source: String, identities: [PromSample], up: PromQLSamples, figures: PromQLSamples,
                         lastSeen: PromQLSamples, history: [PromSeries], historyEnd: Double? = nil, accepted: [PromSeries],
                         alerts: [PrometheusAlert], warnings: [String]) -> FarmSnapshot {
        var historyByRig: [String: PromSeries] = [:]
        for series in history { historyByRig[PromQLSamples.rigKey(series.labels)] = series }
        var acceptedByRig: [String: PromSeries] = [:]
        for series in accepted { acceptedByRig[PromQLSamples.rigKey(series.labels)] = series }

        var seen = Set<String>()
        var rows: [FarmRig] = []
        rows.reserveCapacity(identities.count)
        // A miner an exporter has never read has no info series: its failed read alone names it.
        let unseenMiners = figures.byRig.values.joined().filter { $0.labels["__name__"] == MetricName.minerUp }
            .sorted { PromQLSamples.rigKey($0.labels) < PromQLSamples.rigKey($1.labels) }
        for identity in identities + unseenMiners {
            let key = PromQLSamples.rigKey(identity.labels)
            guard seen.insert(key).inserted else { continue }
            var rig = Self.rig(identity.labels, key: key, figures: figures, up: up)
            if rig.state == .down, let last = lastSeen.byRig[key]?.first?.point.finiteValue {
                rig.downForSeconds = max(0, at - last)
            }
            if rig.state != .down {
                rig.history = Self.history(historyByRig[key], end: historyEnd ?? at)
                rig.lastShareAgeSeconds = Self.lastShareAge(acceptedByRig[key], at: at)
            }
            rows.append(rig)
        }
        let firing = alerts.filter { $0.state == "firing" }.map(Self.alert)
            .sorted { ($0.activeAt ?? 0) > ($1.activeAt ?? 0) }
        return FarmSnapshot(time: at, source: source, rigs: rows, alerts: firing, warnings: warnings)
    }

    /// One row from the rig's info labels and its figures.
    static func rig(_ labels: [String: String], key: String, figures: PromQLSamples, up: PromQLSamples) -> FarmRig {
        func text(_ name: String) -> String? {
            labels[name].flatMap { $0.isEmpty ? nil : OutsideText.escaped($0, limit: 64) }
        }
        let instance = text("instance") ?? "?"
        // A miner behind an exporter is reachable when the exporter's scrape worked and the
        // exporter's own read of the miner did; for a rigtop rig the target is the row.
        let targetUp = up.value(PromQLSamples.targetKey(labels), "up").map { $0 == 1 }
        let minerDown = figures.value(key, MetricName.minerUp) == 0
        let signals = FarmRigSignals(
            reachable: minerDown ? false : (targetUp ?? (figures.byRig[key] == nil ? false : nil)),
            guardStopped: figures.flag(key, MetricName.thermalGuardStopped),
            paused: figures.flag(key, MetricName.paused),
            poolUp: figures.flag(key, MetricName.poolUp),
            throttling: figures.flag(key, MetricName.throttling))
        var rig = FarmRig(id: OutsideText.escaped(key, limit: 140), instance: instance, job: text("job"),
                          worker: text(MetricLabel.worker) ?? instance, state: FarmRigState.classify(signals))
        rig.miner = text(MetricLabel.miner)
        rig.coin = text(MetricLabel.coin)
        rig.algorithm = text(MetricLabel.algorithm)
        rig.version = text(MetricLabel.version)
        guard rig.state != .down else { return rig }

        func rate(_ window: RateWindow) -> Double? {
            figures.figure(key, MetricName.hashrate, [MetricLabel.window: window.rawValue], in: FigureRange.hashrate)
        }
        rig.hashrate = WindowedRate(tenSeconds: rate(.tenSeconds), sixtySeconds: rate(.sixtySeconds),
                                    fifteenMinutes: rate(.fifteenMinutes))
        func shares(_ result: ShareResult) -> UInt64? {
            figures.count(key, MetricName.shares, [MetricLabel.result: result.rawValue])
        }
        rig.shares = FarmShares(accepted: shares(.accepted), rejected: shares(.rejected), stale: shares(.stale))
        let temperatures = FigureRange.celsius
        if let celsius = figures.figure(key, MetricName.cpuTemperature, in: temperatures) {
            rig.temperature = FarmTemperature(
                celsius: celsius,
                limitCelsius: figures.figure(key, MetricName.temperatureLimit, in: temperatures),
                criticalCelsius: figures.figure(key, MetricName.temperatureCritical, in: temperatures))
        }
        if let power = figures.sample(key, MetricName.miningPower),
           let watts = try? UntrustedNumber.finite(power.point.value, "watts", in: FigureRange.watts) {
            rig.power = FarmPower(watts: watts, measured: power.labels[MetricLabel.measured] == MetricLabel.boolean(true))
        }
        if let earnings = figures.sample(key, MetricName.earningsNetPerDay),
           let net = try? UntrustedNumber.finite(earnings.point.value, "earnings", in: FigureRange.money) {
            rig.earnings = FarmEarnings(netPerDay: net,
                                        currency: OutsideText.escaped(earnings.labels[MetricLabel.currency] ?? "", limit: 8))
        }
        rig.threads = try? UntrustedNumber.whole(figures.value(key, MetricName.threads), "threads", in: FigureRange.index)
        return rig
    }

    /// The sparkline's points: one per step over the window ending at `end`, nil where the rig
    /// had no sample.
    static func history(_ series: PromSeries?, end: Double) -> [Double?] {
        let count = Int(historySeconds / historyStep) + 1
        var points = [Double?](repeating: nil, count: count)
        guard let series else { return points }
        let start = end - historySeconds
        for point in series.points {
            let slot: Int = UntrustedNumber.clamped((point.time - start) / historyStep, to: 0...(count - 1))
            points[slot] = try? UntrustedNumber.finite(point.value, "hashrate", in: FigureRange.hashrate)
        }
        return points
    }

    /// Seconds since the accepted-share counter last grew in the window (to the 30 s step: the
    /// first point that shows the new count); nil if it did not.
    static func lastShareAge(_ series: PromSeries?, at: Double) -> Double? {
        guard let points = series?.points, points.count >= 2 else { return nil }
        for index in stride(from: points.count - 1, through: 1, by: -1) where points[index].value > points[index - 1].value {
            return max(0, at - points[index].time)
        }
        return nil
    }

    static func alert(_ alert: PrometheusAlert) -> FarmAlert {
        func text(_ value: String?) -> String? { value.map { OutsideText.escaped($0, limit: 160) } }
        return FarmAlert(
            name: text(alert.labels["alertname"]) ?? "?", instance: text(alert.labels["instance"]),
            severity: text(alert.labels["severity"]),
            summary: text(alert.annotations["summary"] ?? alert.annotations["description"]) ?? "",
            activeAt: alert.activeAt)
    }

    public func detail(of rig: FarmRig) async throws -> FarmRigDetail {
        let at = time ?? now()
        let samples = try await client.query(Query.detail(instance: rig.instance, job: rig.job, miner: rig.miner), at: at).samples
        let key = PromQLSamples.rigKey(["job": rig.job ?? "", "instance": rig.instance, MetricLabel.miner: rig.miner ?? ""])
        let grouped = PromQLSamples(samples)
        var detail = FarmRigDetail()
        var threads: [Int: FarmRigDetail.Thread] = [:]
        for sample in grouped.all(key, MetricName.threadHashrate) {
            guard let index = try? UntrustedNumber.whole(text: sample.labels[MetricLabel.thread] ?? "", "thread", in: FigureRange.index),
                  let rate = try? UntrustedNumber.finite(sample.value, "rate", in: FigureRange.hashrate) else { continue }
            var thread = threads[index] ?? FarmRigDetail.Thread(index: index, tenSeconds: nil, sixtySeconds: nil)
            if sample.labels[MetricLabel.window] == RateWindow.tenSeconds.rawValue { thread.tenSeconds = rate }
            if sample.labels[MetricLabel.window] == RateWindow.sixtySeconds.rawValue { thread.sixtySeconds = rate }
            threads[index] = thread
        }
        detail.threads = threads.values.sorted { $0.index < $1.index }
        detail.temperatures = grouped.all(key, MetricName.temperature).compactMap { sample in
            guard let celsius = try? UntrustedNumber.finite(sample.value, "temperature", in: FigureRange.celsius) else { return nil }
            let name = [sample.labels[MetricLabel.chip], sample.labels[MetricLabel.sensor]].compactMap { $0 }.joined(separator: " ")
            return FarmRigDetail.Reading(name: OutsideText.escaped(name, limit: 60), value: celsius)
        }.sorted { $0.name < $1.name }
        detail.power = grouped.all(key, MetricName.power).compactMap { sample in
            guard let watts = try? UntrustedNumber.finite(sample.value, "watts", in: FigureRange.watts) else { return nil }
            let measured = sample.labels[MetricLabel.measured] == MetricLabel.boolean(true) ? "measured" : "estimated"
            let name = [MetricLabel.source, MetricLabel.domain, MetricLabel.sensor].compactMap { sample.labels[$0] }
                .filter { !$0.isEmpty }.joined(separator: " ") + " (\(measured))"
            return FarmRigDetail.Reading(name: OutsideText.escaped(name, limit: 60), value: watts)
        }.sorted { $0.name < $1.name }
        var pools: [String: FarmRigDetail.Pool] = [:]
        for sample in grouped.all(key, MetricName.poolUp) + grouped.all(key, MetricName.poolPingSeconds) {
            let url = OutsideText.escaped(sample.labels[MetricLabel.pool] ?? "?", limit: 80)
            var pool = pools[url] ?? FarmRigDetail.Pool(url: url, up: nil, pingSeconds: nil)
            if sample.labels["__name__"] == MetricName.poolUp { pool.up = sample.point.finiteValue.map { $0 == 1 } }
            else { pool.pingSeconds = try? UntrustedNumber.finite(sample.value, "ping", in: FigureRange.latency) }
            pools[url] = pool
        }
        detail.pools = pools.values.sorted { $0.url < $1.url }
        detail.guardShedThreads = try? UntrustedNumber.whole(grouped.value(key, MetricName.thermalGuardShedThreads), "shed",
                                                             in: FigureRange.index)
        detail.guardStopped = grouped.flag(key, MetricName.thermalGuardStopped)
        detail.guardActive = grouped.flag(key, MetricName.thermalGuardActive)
        return detail
    }

    /// `text` matched literally inside an RE2 regular expression.
    static func regexEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\.+*?()|[]{}^$".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// A label value as a PromQL string literal.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
