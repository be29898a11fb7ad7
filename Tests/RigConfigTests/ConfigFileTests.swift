import Foundation
import RigConfig
import RigEngine
import RigMiners
import Testing

@Suite struct ConfigFileTests {
    @Test func exampleParsesAndSetsEverything() throws {
        let config = try ConfigFile.parse(ConfigFile.example, file: "example.toml")
        #expect(config.defaultCoin == "LTC")
        #expect(config.threads == 4)
        #expect(config.theme == "default")
        #expect(config.temperatureLimit == 85)
        #expect(config.temperatureCritical == 95)
        #expect(config.cpuTDPWatts == 65)
        #expect(config.electricityPrice == 0.15)
        #expect(config.currency == "USD")
        #expect(config.poolFeePercent == 1)
        #expect(config.farmPrometheus == "http://127.0.0.1:9090")
        #expect(config.farmMiners.map(\.id) == ["s19-rack1", "xmrig://10.0.0.8:8080"])
        #expect(config.farmMiners.last?.token == "YOUR_TOKEN")
        let pools = try #require(config.pools["LTC"])
        #expect(pools.urls.count == 2)
        #expect(pools.user == "YOUR_LTC_ADDRESS.rig1")
        let ltc = try #require(config.coin(named: "ltc"))
        #expect(ltc.priceUSD == 88.5)
        #expect(ltc.marketDate == "2026-11-20")
        #expect(ltc.marketSource == "config")
        let added = try #require(config.coin(named: "XYZ"))
        #expect(added.algorithm == .scrypt)
        #expect(added.blockReward == 50)
        #expect(config.coins.map(\.symbol) == ["BTC", "BCH", "LTC", "DOGE", "XMR", "XYZ"])
        #expect(config.pools(for: ltc) == pools)
    }

    @Test func emptyFileGivesDefaults() throws {
        let config = try ConfigFile.parse("", file: "empty.toml")
        #expect(config.coins == Coin.builtIn)
        #expect(config.defaultCoin == nil)
        #expect(config.poolFeePercent == 0)
    }

    @Test func absentDefaultFileGivesDefaultsButAbsentExplicitFileIsAnError() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-config-\(UUID())").path
        let config = try ConfigFile.load(path: nil, environment: ["XDG_CONFIG_HOME": home])
        #expect(config.file == nil)
        #expect(throws: ConfigError.self) { try ConfigFile.load(path: home + "/nope.toml", environment: [:]) }
        #expect(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/x"]) == "/x/rigtop/config.toml")
        #expect(ConfigFile.defaultPath(environment: ["HOME": "/home/a"]) == "/home/a/.config/rigtop/config.toml")
    }

    @Test func loadsAFileFromDisk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-\(UUID()).toml").path
        try "threads = 2\n[earnings]\nelectricity_price = 0.3\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let config = try ConfigFile.load(path: path, environment: [:])
        #expect(config.threads == 2)
        #expect(config.electricityPrice == 0.3)
        #expect(config.file == path)
    }

    /// Each bad file: its text, the line and key the error must name.
    static let badFiles: [(String, Int?, String?)] = [
        ("threads = 4\nthreads = 5\n", 2, "threads"),  // TOML syntax: duplicate key, named by its line
        ("coin = \"BTC\"\n[earnings]\npool_fee_percent = \"two\"\n", 3, "earnings.pool_fee_percent"),
        ("[earnings]\nelectricity_price = 0.1\npool_fee_percent = 150\n", 3, "earnings.pool_fee_percent"),
        ("[earnings]\nelectricty_price = 0.1\n", 2, "earnings.electricty_price"),
        ("coin = \"NOPE\"\n", 1, "coin"),
        ("threads = 2.5\n", 1, "threads"),
        ("[pools.BTC]\nurls = [\"http://nope\"]\n", 2, "pools.BTC.urls"),
        ("[pools.FOO]\nurls = [\"stratum+tcp://a:1\"]\n", 1, "pools.FOO"),
        ("[coins.NEW]\nreward = 1\n", 1, "coins.NEW"),
        ("[coins.NEW]\nalgorithm = \"ethash\"\nreward = 1\n", 2, "coins.NEW.algorithm"),
        ("[coins.BTC]\nprice = 1\n", 1, "coins.BTC"),
        ("[temperature]\nlimit = 90\ncritical = 80\n", 3, "temperature.critical"),
        ("[earnings]\ncurrency = \"EUR\"\n", 2, "earnings.currency"),
        ("[farm]\nprometheus = \"prom:9090\"\n", 2, "farm.prometheus"),
        ("[farm]\npromethues = \"http://prom:9090\"\n", 2, "farm.promethues"),
        ("[[farm.miners]]\nurl = \"cgminer://a\"\n\n[[farm.miners]]\nulr = \"cgminer://b\"\n", 5, "farm.miners[1].ulr"),
        ("[[farm.miners]]\nname = \"a\"\n", 1, "farm.miners[0]"),
        ("[[farm.miners]]\nurl = \"ftp://a\"\n", 2, "farm.miners[0].url"),
        ("[[farm.miners]]\nurl = \"cgminer://a:99999\"\n", 2, "farm.miners[0].url"),
        ("[[farm.miners]]\nurl = \"cgminer://a\"\nname = \"\"\n", 3, "farm.miners[0].name"),
        ("[[farm.miners]]\nurl = \"cgminer://a\"\nname = \"x\\u001b[2J\"\n", 3, "farm.miners[0].name"),
        ("[[farm.miners]]\nurl = \"cgminer://a\"\n[[farm.miners]]\nurl = \"cgminer://a:4028\"\n", 3, "farm.miners[1]"),
        ("[farm]\nminers = \"cgminer://a\"\n", 2, "farm.miners"),
        ("[farm.miners]\nurl = \"cgminer://a\"\n", 1, "farm.miners"),
    ]

    @Test func farmPrometheus() throws {
        let config = try ConfigFile.parse("[farm]\nprometheus = \"http://127.0.0.1:9090\"\n", file: "farm.toml")
        #expect(config.farmPrometheus == "http://127.0.0.1:9090")
        #expect(try ConfigFile.parse("", file: "empty.toml").farmPrometheus == nil)
    }

    @Test func farmMinersKeepOrderNamesAndTokens() throws {
        let text = """
            [farm]
            prometheus = "http://127.0.0.1:9090"

            [[farm.miners]]
            url = "cgminer://10.0.0.7"
            name = "s19 rack 1"

            [[farm.miners]]
            url = "xmrig://T@[::1]:18089"

            """
        let miners = try ConfigFile.parse(text, file: "farm.toml").farmMiners
        #expect(miners == [MinerEndpoint(kind: .cgminer, host: "10.0.0.7", port: 4028, name: "s19 rack 1"),
                           MinerEndpoint(kind: .xmrig, host: "::1", port: 18089, token: "T")])
        #expect(miners.map(\.id) == ["s19 rack 1", "xmrig://[::1]:18089"])
        #expect(try ConfigFile.parse("", file: "empty.toml").farmMiners.isEmpty)
    }

    @Test(arguments: 0..<badFiles.count) func badFileNamesFileLineAndKey(index: Int) {
        let (text, line, key) = Self.badFiles[index]
        do {
            _ = try ConfigFile.parse(text, file: "bad.toml")
            Issue.record("parsed: \(text)")
        } catch let error as ConfigError {
            #expect(error.file == "bad.toml")
            #expect(error.line == line, "\(error)")
            #expect(error.key == key, "\(error)")
            #expect(error.description.hasPrefix("bad.toml:\(line.map(String.init) ?? "")"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

/// `--config` pointing at something that is not a config file says what it is, and a value the
/// TOML parser refuses names its key.
@Suite struct ConfigFileReadingTests {
    @Test("--config on a device, a directory or a FIFO names the path and what it is", arguments: [
        ("/dev/null", "/dev/null: a character device, not a regular file"),
        ("/dev/zero", "/dev/zero: a character device, not a regular file"),
        ("/tmp", "/tmp: a directory, not a file"),
    ])
    func notAConfigFile(_ path: String, _ message: String) {
        #expect(throws: ConfigError(file: path, line: nil, key: nil, message: String(message.drop { $0 != " " }.dropFirst()))) {
            try ConfigFile.load(path: path, environment: [:])
        }
    }

    @Test func aFIFOIsRefusedAtOnce() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-fifo-\(UUID())").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        #expect(throws: ConfigError(file: path, line: nil, key: nil, message: "a FIFO (named pipe), not a regular file")) {
            try ConfigFile.load(path: path, environment: [:])
        }
    }

    @Test("an integer too large for 64 bits names its key and line")
    func overflowNamesTheKey() {
        let text = "coin = \"LTC\"\n\n[earnings]\npool_fee_percent = 99999999999999999999999\n"
        do {
            _ = try ConfigFile.parse(text, file: "c.toml")
            Issue.record("an overflowing integer was accepted")
        } catch let error as ConfigError {
            #expect(error.line == 4)
            #expect(error.key == "earnings.pool_fee_percent", "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
