import Foundation
import RigEngine
import RigPools
import RigInput
import RigMiners
import RigNode
import TOMLKit

/// Finds, reads and checks `config.toml`.
///
/// Reading is all or nothing: ``parse(_:file:)`` returns a complete ``RigtopConfig`` or throws the
/// first problem as a ``ConfigError`` (file, line, key), so nothing starts on a half-read file.
/// Unknown keys are errors too: a misspelt `electricty_price` must not silently cost money.
public enum ConfigFile {
    /// `$XDG_CONFIG_HOME/rigtop/config.toml`, else `~/.config/rigtop/config.toml` (XDG base directories).
    public static func defaultPath(environment: [String: String]) -> String {
        if let base = environment["XDG_CONFIG_HOME"], !base.isEmpty { return base + "/rigtop/config.toml" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/rigtop/config.toml"
    }

    /// Reads `path` (an explicit `--config`: it must exist) or the default file (which may be absent,
    /// giving the defaults).
    public static func load(path: String?, environment: [String: String]) throws -> RigtopConfig {
        let file = path ?? defaultPath(environment: environment)
        let text: String
        do { text = try OutsideFile.text(atPath: file) } catch {
            if path == nil, error == .notFound { return RigtopConfig() }
            throw ConfigError(file: file, line: nil, key: nil, message: error.description)
        }
        return try parse(text, file: file)
    }

    /// Checks `text` as the config file named `file`.
    public static func parse(_ text: String, file: String) throws -> RigtopConfig {
        // TOML allows no control character but tab and line ends. Checked before the parser sees
        // the text: a NUL would end it there as a C string, silently dropping the rest (pools too).
        var line = 1
        var column = 0
        for scalar in text.unicodeScalars {
            column += 1
            if scalar == "\n" {
                line += 1
                column = 0
            } else if scalar.value < 0x20 && scalar != "\t" && scalar != "\r" || scalar.value == 0x7f {
                let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
                throw ConfigError(file: file, line: line, key: nil,
                                  message: "control character \(code) at column \(column): a config file is plain text")
            }
        }
        let lines = KeyLines(text)
        if let problem = TOMLPreflight.firstProblem(in: text) {
            throw ConfigError(file: file, line: problem.line, key: lines.key(atLine: problem.line), message: problem.message)
        }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            let line = error.source.begin.line
            throw ConfigError(file: file, line: line, key: lines.key(atLine: line), message: error.description)
        }
        var reader = Reader(file: file, lines: lines)
        return try reader.read(table)
    }
}

/// Walks the parsed table, converting and checking each known key.
private struct Reader {
    let file: String
    let lines: KeyLines

    func error(_ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: lines.line(of: key), key: key, message: message)
    }

    func checkKeys(_ table: TOMLTable, at path: String, allowed: Set<String>) throws {
        for key in table.keys.sorted() where !allowed.contains(key) {
            let full = path.isEmpty ? key : path + "." + key
            throw error(full, "unknown key (known here: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func table(_ parent: TOMLTable, _ key: String, path: String) throws -> TOMLTable? {
        guard let value = parent[key] else { return nil }
        guard let table = value.table else { throw error(path, "expected a table, found \(value.type)") }
        return table
    }

    func string(_ parent: TOMLTable, _ key: String, path: String) throws -> String? {
        guard let value = parent[key] else { return nil }
        guard let string = value.string else { throw error(path, "expected a string, found \(value.type)") }
        return string
    }

    func number(_ parent: TOMLTable, _ key: String, path: String, range: ClosedRange<Double>? = nil) throws -> Double? {
        guard let value = parent[key] else { return nil }
        guard let number = value.double ?? value.int.map(Double.init) else {
            throw error(path, "expected a number, found \(value.type)")
        }
        if let range, !range.contains(number) {
            throw error(path, "\(number) is out of range \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    mutating func read(_ root: TOMLTable) throws -> RigtopConfig {
        var config = RigtopConfig()
        config.file = file
        try checkKeys(root, at: "", allowed: ["coin", "threads", "theme", "temperature", "power", "earnings", "pools", "coins", "api", "farm"])
        if let threads = try number(root, "threads", path: "threads", range: 1...4096) {
            guard threads == threads.rounded() else { throw error("threads", "expected a whole number") }
            config.threads = Int(threads)
        }
        config.theme = try string(root, "theme", path: "theme")

        if let temperature = try table(root, "temperature", path: "temperature") {
            try checkKeys(temperature, at: "temperature", allowed: ["limit", "critical"])
            config.temperatureLimit = try number(temperature, "limit", path: "temperature.limit", range: 20...150)
            config.temperatureCritical = try number(temperature, "critical", path: "temperature.critical", range: 20...150)
            if let limit = config.temperatureLimit, let critical = config.temperatureCritical, critical <= limit {
                throw error("temperature.critical", "must be above temperature.limit (\(limit))")
            }
        }
        if let power = try table(root, "power", path: "power") {
            try checkKeys(power, at: "power", allowed: ["cpu_tdp"])
            config.cpuTDPWatts = try number(power, "cpu_tdp", path: "power.cpu_tdp", range: 1...2000)
        }
        if let api = try table(root, "api", path: "api") {
            try checkKeys(api, at: "api", allowed: ["http", "token", "token_file", "cgminer", "cpuminer"])
            config.api = APISettings(
                http: try string(api, "http", path: "api.http"), token: try string(api, "token", path: "api.token"),
                tokenFile: try string(api, "token_file", path: "api.token_file"),
                cgminer: try string(api, "cgminer", path: "api.cgminer"), cpuminer: try string(api, "cpuminer", path: "api.cpuminer"))
        }
        if let farm = try table(root, "farm", path: "farm") {
            try checkKeys(farm, at: "farm", allowed: ["prometheus", "miners"])
            if let url = try string(farm, "prometheus", path: "farm.prometheus") {
                guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                    throw error("farm.prometheus", "expected an http:// or https:// URL")
                }
                config.farmPrometheus = url
            }
            config.farmMiners = try farmMiners(farm)
        }
        if let earnings = try table(root, "earnings", path: "earnings") {
            try checkKeys(earnings, at: "earnings", allowed: ["electricity_price", "currency", "usd_rate", "pool_fee_percent"])
            config.electricityPrice = try number(earnings, "electricity_price", path: "earnings.electricity_price",
                                                 range: 0...1000) ?? 0
            config.currency = try string(earnings, "currency", path: "earnings.currency") ?? "USD"
            config.usdRate = try number(earnings, "usd_rate", path: "earnings.usd_rate", range: 1e-9...1e9) ?? 1
            if config.currency.uppercased() != "USD" && earnings["usd_rate"] == nil {
                throw error("earnings.currency", "coin prices are in USD: set earnings.usd_rate (\(config.currency) per USD)")
            }
            config.poolFeePercent = try number(earnings, "pool_fee_percent", path: "earnings.pool_fee_percent",
                                               range: 0...100) ?? 0
        }
        if let coins = try table(root, "coins", path: "coins") {
            for symbol in coins.keys.sorted() {
                try readCoin(symbol, from: coins, into: &config)
            }
        }
        if let pools = try table(root, "pools", path: "pools") {
            for symbol in pools.keys.sorted() {
                let path = "pools.\(symbol)"
                guard config.coin(named: symbol) != nil else {
                    throw error(path, "unknown coin \(symbol); known: \(config.coins.map(\.symbol).joined(separator: ", "))")
                }
                guard let pool = try table(pools, symbol, path: path) else { continue }
                try checkKeys(pool, at: path, allowed: ["urls", "user", "password", "payout", "payout_script", "algo"])
                guard let urlsValue = pool["urls"] else { throw error(path, "missing key urls") }
                let texts: [String]
                if let single = urlsValue.string { texts = [single] } else if let array = urlsValue.array {
                    texts = try array.map {
                        guard let text = $0.string else { throw error(path + ".urls", "expected strings") }
                        return text
                    }
                } else { throw error(path + ".urls", "expected an array of pool URLs") }
                if texts.contains(where: NodeURL.isNodeURL) {
                    config.solo[symbol.uppercased()] = try soloSettings(texts, pool, path: path)
                    continue
                }
                let urls = try texts.map { text in
                    do { return try PoolURL(parsing: text) } catch { throw self.error(path + ".urls", "\(error)") }
                }
                var version: RandomXVersion? = nil
                if let algo = try string(pool, "algo", path: path + ".algo") {
                    guard config.coin(named: symbol)?.algorithm.isRandomX == true else {
                        throw error(path + ".algo", "algo names a RandomX revision (rx/0, rx/2); \(symbol) is not mined with RandomX")
                    }
                    guard let known = RandomXVersion(stratumName: algo) else {
                        throw error(path + ".algo", "unknown RandomX revision \(OutsideText.escaped(algo, limit: 40)); known: rx/0, rx/2")
                    }
                    version = known
                }
                config.pools[symbol.uppercased()] = PoolSettings(
                    urls: urls, user: try string(pool, "user", path: path + ".user") ?? "rigtop",
                    password: try string(pool, "password", path: path + ".password") ?? "x", randomXVersion: version)
            }
        }
        if let symbol = try string(root, "coin", path: "coin") {
            guard config.coin(named: symbol) != nil else {
                throw error("coin", "unknown coin \(symbol); known: \(config.coins.map(\.symbol).joined(separator: ", "))")
            }
            config.defaultCoin = symbol.uppercased()
        }
        return config
    }

    /// `[[farm.miners]]`: each a `url` (a miner URL, as `--miner` takes it) and an optional
    /// `name`. Two entries may not share an id: rows and metric labels are keyed by it.
    func farmMiners(_ farm: TOMLTable) throws -> [MinerEndpoint] {
        guard let value = farm["miners"] else { return [] }
        guard let array = value.array else { throw error("farm.miners", "expected [[farm.miners]] tables, found \(value.type)") }
        var miners: [MinerEndpoint] = []
        var ids = Set<String>()
        for (index, element) in array.enumerated() {
            let path = "farm.miners[\(index)]"
            guard let table = element.table else { throw error("farm.miners", "expected [[farm.miners]] tables, found \(element.type)") }
            try checkKeys(table, at: path, allowed: ["url", "name"])
            guard let url = try string(table, "url", path: path + ".url") else {
                throw error(path, "missing key url (\(MinerEndpoint.urlForms))")
            }
            var miner: MinerEndpoint
            do { miner = try MinerEndpoint.parse(url) } catch { throw self.error(path + ".url", error.reason) }
            if let name = try string(table, "name", path: path + ".name") {
                guard MinerEndpoint.isUsableName(name) else {
                    throw error(path + ".name", "a name is 1 to 64 printable characters, without leading or trailing spaces")
                }
                miner.name = name
            }
            guard ids.insert(miner.id).inserted else {
                throw error(path, "\(OutsideText.escaped(miner.id, limit: 80)) is listed twice")
            }
            miners.append(miner)
        }
        return miners
    }

    /// A coin's pool list that names a node: solo mining, with one node and what it pays
    /// (`payout`, `payout_script`, or for monerod the `user` wallet).
    func soloSettings(_ texts: [String], _ pool: TOMLTable, path: String) throws -> SoloSettings {
        guard texts.count == 1 else { throw error(path + ".urls", "solo mining takes one node and no pools beside it") }
        let node: NodeURL
        do { node = try NodeURL(parsing: texts[0]) } catch { throw self.error(path + ".urls", "\(error)") }
        if let script = try string(pool, "payout_script", path: path + ".payout_script") {
            guard let bytes = HexCoding.bytes(script), !bytes.isEmpty, bytes.count <= 10_000 else {
                throw error(path + ".payout_script", "expected the scriptPubKey in hex")
            }
            return SoloSettings(node: node, payout: .script(bytes))
        }
        if let address = try string(pool, "payout", path: path + ".payout") ?? (node.kind == .moneroDaemon
            ? try string(pool, "user", path: path + ".user") : nil), !address.isEmpty {
            return SoloSettings(node: node, payout: .address(address))
        }
        throw error(path, "solo mining needs payout = \"ADDRESS\" (or payout_script): where the block reward goes")
    }

    func readCoin(_ symbol: String, from coins: TOMLTable, into config: inout RigtopConfig) throws {
        let path = "coins.\(symbol)"
        guard let table = try table(coins, symbol, path: path) else { return }
        try checkKeys(table, at: path, allowed: ["name", "algorithm", "reward", "block_time", "difficulty",
                                                 "convention", "price", "date"])
        let existing = config.coin(named: symbol)
        var coin: Coin
        if let existing {
            coin = existing
            if let algorithm = try string(table, "algorithm", path: path + ".algorithm"),
               algorithm.lowercased() != existing.algorithm.rawValue {
                throw error(path + ".algorithm", "\(existing.symbol) is \(existing.algorithm); a built-in coin's algorithm cannot change")
            }
        } else {
            guard let name = try string(table, "algorithm", path: path + ".algorithm") else {
                throw error(path, "a new coin needs algorithm (\(HashAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let algorithm = HashAlgorithm(rawValue: name.lowercased()) else {
                throw error(path + ".algorithm", "unknown algorithm \(name); known: \(HashAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            coin = Coin(symbol: symbol, name: symbol, algorithm: algorithm, marketSource: "config")
            for required in ["reward", "block_time", "difficulty", "price"] where table[required] == nil {
                throw error(path, "a new coin needs \(required)")
            }
        }
        var marketChanged = false
        if let name = try string(table, "name", path: path + ".name") { coin.name = name }
        if let reward = try number(table, "reward", path: path + ".reward", range: 0...1e15) { coin.blockReward = reward }
        if let time = try number(table, "block_time", path: path + ".block_time", range: 0.001...1e7) { coin.blockTimeSeconds = time }
        if let difficulty = try number(table, "difficulty", path: path + ".difficulty", range: 1e-12...1e30) {
            coin.networkDifficulty = difficulty
            marketChanged = true
        }
        if let price = try number(table, "price", path: path + ".price", range: 0...1e12) {
            coin.priceUSD = price
            marketChanged = true
        }
        if let convention = try string(table, "convention", path: path + ".convention") {
            guard let value = DifficultyConvention(rawValue: convention.lowercased()) else {
                throw error(path + ".convention", "expected \"bitcoin\" or \"monero\"")
            }
            coin.convention = value
        }
        if let date = table["date"] {
            // A bare TOML date (2026-11-20) or a string.
            if let text = date.string { coin.marketDate = text } else if let day = date.date {
                coin.marketDate = String(format: "%04d-%02d-%02d", day.year, day.month, day.day)
            } else { throw error(path + ".date", "expected a date (2026-11-20)") }
            marketChanged = true
        }
        if marketChanged {
            coin.marketSource = "config"
            if table["date"] == nil {
                throw error(path, "overriding difficulty or price needs date (when the figures were taken)")
            }
        }
        if let index = config.coins.firstIndex(of: coin) { config.coins[index] = coin } else { config.coins.append(coin) }
    }
}

/// The line each key is written on, so errors about values (which TOML parsers do not locate) can
/// still point at a line. Understands `[table]` headers and `key = value` lines, which is how
/// rigtop's config is written; keys it cannot place get no line.
struct KeyLines {
    private var lines: [String: Int] = [:]
    /// The dotted key written on each line that holds `key = value`.
    private var keys: [Int: String] = [:]

    init(_ text: String) {
        var section = ""
        // `[[farm.miners]]` entries are numbered as the reader names them: farm.miners[0], [1]…
        var entries: [String: Int] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }
                section = Self.normalise(String(inner))
                if lines[section] == nil { lines[section] = index + 1 }
                if line.hasPrefix("[[") {
                    let number = entries[section, default: 0]
                    entries[section] = number + 1
                    section += "[\(number)]"
                    lines[section] = index + 1
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = Self.normalise(String(line[..<equals]))
            let full = section.isEmpty ? key : section + "." + key
            if lines[full] == nil { lines[full] = index + 1 }
            keys[index + 1] = OutsideText.escaped(full, limit: 100)
        }
    }

    /// The key whose value is on `line` (a value the parser refused, such as an integer too
    /// large for 64 bits); nil for a line with no `key =`.
    func key(atLine line: Int) -> String? { keys[line] }

    private static func normalise(_ key: String) -> String {
        key.split(separator: ".").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }.joined(separator: ".")
    }

    /// The line of `key`, or of the nearest enclosing table written in the file.
    func line(of key: String) -> Int? {
        var parts = key.split(separator: ".").map(String.init)
        while !parts.isEmpty {
            if let line = lines[parts.joined(separator: ".")] { return line }
            parts.removeLast()
        }
        return nil
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
