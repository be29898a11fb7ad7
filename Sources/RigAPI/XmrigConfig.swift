public import RigEngine
public import RigPools
public import RigInput
public import RigRuntime

/// xmrig's config endpoint (`GET`/`PUT /2/config`, and `/1/config`, its older name) over a
/// running rig: the rig's settings in the shape of xmrig 6's `config.json`, and the changes a
/// PUT of that document may make while rigtop runs.
///
/// Tools written for xmrig read the document: the `xmrig-api` package's constructor fetches it
/// before anything else. Secrets are not sent back: `pass` and `access-token` are null (xmrig
/// echoes them), since rigtop never prints a password and the caller already holds the token.
///
/// A PUT changes live what can safely change live: the thread count, which is the number of
/// entries in the `cpu` profile of the algorithm mined (xmrig's thread list; `rx` for RandomX).
/// The cores in that list are rigtop's to choose, so their values are not compared. A section
/// left out stays as it is. Any other difference is refused (403), naming the setting and why:
/// rigtop connects to its pools and binds the API when it starts.
public enum XmrigConfig {
    /// What a PUT asks of the rig.
    public enum Change: Sendable, Equatable {
        /// The document matches the rig: nothing to do.
        case none
        case setThreads(Int)
    }

    /// A PUT that cannot be carried out: the HTTP status (400 for a malformed body, 403 for a
    /// setting that cannot change live) and the reason, for the response body.
    public struct Refusal: Error, Sendable, Equatable {
        public var status: Int
        public var reason: String
    }

    /// The settings of a running rig that the document shows.
    public struct Settings: Sendable {
        /// The pools of the coin mined; nil when mining solo or benchmark work.
        public var pools: PoolSettings?
        /// The thread count the user asked for (the thermal guard may run fewer).
        public var threads: Int
        /// The HTTP API's own address.
        public var endpoint: APIEndpoint

        public init(pools: PoolSettings?, threads: Int, endpoint: APIEndpoint) {
            self.pools = pools
            self.threads = threads
            self.endpoint = endpoint
        }
    }

    /// xmrig's CPU profile name for `algorithm`: `rx` holds every RandomX revision, as in xmrig;
    /// rigtop's other algorithms, which xmrig does not mine, go by their own names.
    public static func profile(_ algorithm: HashAlgorithm) -> String {
        algorithm.isRandomX ? "rx" : algorithm.rawValue
    }

    /// The document for `state` and `settings`.
    public static func document(_ state: RigState, settings: Settings) -> JSONValue {
        let engine = state.engine
        let light = engine.randomXMode?.hasPrefix("light") ?? false
        let hugePages = engine.randomXMode?.contains("pages") ?? false
        // One entry per thread: the core it is pinned to, -1 where it is not (xmrig's affinity).
        let affinities: [JSONValue] = (0..<max(0, settings.threads)).map { index in
            guard index < engine.threads.count, let core = engine.threads[index].core,
                  engine.threads[index].pinned else { return -1 }
            return .number(Double(core))
        }
        return .object([
            "api": ["id": .string(state.worker), "worker-id": .string(state.worker)],
            "http": [
                "enabled": true,
                "host": .string(settings.endpoint.host),
                "port": .number(Double(settings.endpoint.port)),
                "access-token": .null,
                "restricted": false,
            ],
            "autosave": false,
            "background": false,
            "colors": true,
            "title": false,
            "randomx": [
                "init": -1,
                "mode": .string(engine.algorithm.isRandomX ? (light ? "light" : "fast") : "auto"),
                "1gb-pages": .bool(engine.randomXMode?.contains("1 GiB pages") ?? false),
                "numa": false,
            ],
            "cpu": [
                "enabled": true,
                "huge-pages": .bool(hugePages),
                "hw-aes": .null,
                "priority": .null,
                "yield": false,
                "max-threads-hint": 100,
                profile(engine.algorithm): .array(affinities),
            ],
            "opencl": ["enabled": false],
            "cuda": ["enabled": false],
            "donate-level": 0,
            "donate-over-proxy": 0,
            "log-file": .null,
            "pools": .array(pools(settings.pools, coin: engine.coin, algorithm: engine.algorithm)),
            "print-time": 60,
            "retries": 5,
            "retry-pause": 5,
            "syslog": false,
            "user-agent": .string("rigtop/\(RigtopVersion.string)"),
            "verbose": 0,
            "watch": false,
            "pause-on-battery": false,
            "pause-on-active": false,
        ])
    }

    /// One entry per pool URL, primary first, as xmrig lists its pools.
    static func pools(_ settings: PoolSettings?, coin: Coin?, algorithm: HashAlgorithm) -> [JSONValue] {
        guard let settings else { return [] }
        return settings.urls.map { url in
            let host = url.host.contains(":") ? "[\(url.host)]" : url.host
            return .object([
                "algo": .string(XmrigDocuments.algorithmName(algorithm)),
                "coin": coin.map { .string($0.symbol.lowercased()) } ?? .null,
                "url": .string("\(host):\(url.port)"),
                "user": .string(url.user ?? settings.user),
                "pass": .null,
                "rig-id": .null,
                "nicehash": false,
                "keepalive": false,
                "enabled": true,
                "tls": .bool(url.tls),
                "tls-fingerprint": url.tlsFingerprint.map { .string(HexCoding.string($0)) } ?? .null,
                "daemon": false,
                "socks5": .null,
                "self-select": .null,
                "submit-to-origin": false,
            ])
        }
    }

    /// What a PUT of `body` asks, against the `current` document: the change to carry out, or why
    /// it cannot be.
    public static func change(_ body: String, current: JSONValue, algorithm: HashAlgorithm) -> Result<Change, Refusal> {
        guard let wanted = (try? JSONValue.parse(body))?.objectValue, let now = current.objectValue else {
            return .failure(Refusal(status: 400, reason: "the body is not a JSON object (send the document GET /2/config gives, changed)"))
        }
        let profileName = profile(algorithm)
        var threads: Int?
        for key in wanted.keys.sorted() {
            guard let value = wanted[key], let present = now[key] else {
                return .failure(Refusal(status: 403, reason: "rigtop has no setting \(quoted(key))"))
            }
            if key == "cpu", let cpu = value.objectValue {
                for cpuKey in cpu.keys.sorted() where cpuKey != profileName {
                    guard cpu[cpuKey] == present[cpuKey] else {
                        return .failure(Refusal(status: 403, reason: "cpu.\(quoted(cpuKey)) cannot change while rigtop runs; "
                                                    + "only the number of threads in cpu.\(profileName) can"))
                    }
                }
                guard let list = cpu[profileName] else { continue }
                guard let entries = list.arrayValue, (1...Rig.maximumThreads).contains(entries.count) else {
                    return .failure(Refusal(status: 400, reason: "cpu.\(profileName) must list 1 to \(Rig.maximumThreads) threads"))
                }
                threads = entries.count
            } else if value != present {
                return .failure(Refusal(status: 403, reason: reason(changing: key)))
            }
        }
        let running = current["cpu"]?[profileName]?.arrayValue?.count
        guard let threads, threads != running else { return .success(.none) }
        return .success(.setThreads(threads))
    }

    static func reason(changing key: String) -> String {
        switch key {
        case "pools": "the pools cannot change while rigtop runs: it connects to them at start (restart with --pool)"
        case "http", "api": "the API's address, token and worker name are set when rigtop starts"
        case "randomx": "RandomX's memory mode is chosen when rigtop starts (--randomx-light)"
        default: "\(quoted(key)) cannot change while rigtop runs"
        }
    }

    /// A key from the request, quoted and escaped for the response (a client may echo it).
    static func quoted(_ key: String) -> String {
        JSONValue.string(String(key.prefix(64))).serialized
    }
}
