extension ConfigFile {
    /// What `rigtop config --example` prints: every key, commented, with its default or an example.
    /// Tested to parse, so it never drifts from the reader.
    public static let example = """
        # rigtop configuration: $XDG_CONFIG_HOME/rigtop/config.toml (else ~/.config/rigtop/config.toml),
        # or any file with --config FILE. Command-line options override these values.
        # A mistake here stops rigtop with file:line: key: reason — it never mines on a half-read file.

        coin = "LTC"            # the coin to mine first (a symbol below or built in: rigtop coins)
        threads = 4             # mining threads (default: one per core)
        theme = "default"       # a theme name from themes/ or a path to a .theme file

        [temperature]
        limit = 85              # °C: shed threads above this (default: the chip's max, else 85)
        critical = 95           # °C: stop mining above this (default: the chip's crit, else 95)

        [power]
        cpu_tdp = 65            # watts: the CPU's TDP, for the power estimate where nothing measures power

        [earnings]
        electricity_price = 0.15  # money per kWh, in currency
        currency = "USD"          # every money figure is in this currency
        usd_rate = 1.0            # currency units per US dollar (coin prices are in USD); e.g. 0.92 for EUR
        pool_fee_percent = 1.0    # the pool's fee

        [farm]
        prometheus = "http://127.0.0.1:9090"  # the Prometheus `rigtop farm` reads (default for --prometheus)

        # Miners rigtop does not run, read through their own APIs by `rigtop farm` (beside --miner)
        # and `rigtop exporter`: cgminer://host:4028, xmrig://[token@]host:port, cpuminer://host:4048,
        # lolminer://host:port, trex://host:4067, gminer://host:port.
        [[farm.miners]]
        url = "cgminer://10.0.0.7:4028"
        name = "s19-rack1"      # the row's name and the exporter's miner label (default: the URL, token left out)

        [[farm.miners]]
        url = "xmrig://YOUR_TOKEN@10.0.0.8:8080"

        # Pools per coin: the first URL is the primary, the rest are failovers in order.
        [pools.LTC]
        urls = ["stratum+tcp://ltc.example-pool.com:3333", "stratum+tcp://ltc-backup.example-pool.com:3333"]
        user = "YOUR_LTC_ADDRESS.rig1"
        password = "x"

        # Override a built-in coin's market data (rigtop coins shows the built-in snapshot).
        # Overriding price or difficulty needs the date the figures were taken.
        [coins.LTC]
        price = 88.5            # USD per coin
        difficulty = 95.6e6     # network difficulty in the coin's convention
        date = 2026-11-20       # when price and difficulty were taken

        # Add a coin of a known algorithm (sha256d, scrypt, randomx).
        [coins.XYZ]
        name = "Example coin"
        algorithm = "scrypt"
        reward = 50             # coins per block
        block_time = 60         # seconds between blocks
        difficulty = 1.5e6
        convention = "bitcoin"  # "bitcoin": difficulty × 2^32 hashes per block; "monero": difficulty hashes
        price = 0.01
        date = 2026-11-20

        """
}
