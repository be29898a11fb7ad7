import RigEngine
/// The pools for one coin, as the command line or the config file gives them.
///
/// `description` leaves the password out, so a settings value can be logged.
public struct PoolSettings: Sendable, Equatable, CustomStringConvertible {
    /// The primary first, then failover pools in order.
    public var urls: [PoolURL]
    public var user: String
    public var password: String
    /// RandomX pools: the revision mined when a job does not name its own `algo` ("rx/0" until
    /// Monero's v17 fork, "rx/2" after). nil: rx/0, as every Monero pool meant before the fork.
    public var randomXVersion: RandomXVersion?

    public init(urls: [PoolURL], user: String, password: String, randomXVersion: RandomXVersion? = nil) {
        self.urls = urls
        self.user = user
        self.password = password
        self.randomXVersion = randomXVersion
    }

    /// The login of the primary pool: the one written in its URL, else ``user``.
    public var primaryUser: String { urls.first?.user ?? user }

    public var description: String {
        urls.map(\.description).joined(separator: ", ") + " as \(primaryUser)"
    }
}

extension PoolWorkSource {
    /// A work source factory for ``MiningEngine/Configuration/workSource``: the coin's pools where
    /// `settings` has any, benchmark work otherwise.
    ///
    /// Stratum v1 pools serve sha256d and scrypt coins (``PoolWorkSource``); RandomX coins speak
    /// Monero's stratum (``MoneroWorkSource``).
    ///
    /// ```swift
    /// let pools = PoolSettings(urls: [try PoolURL(parsing: url)], user: user, password: password)
    /// let configuration = MiningEngine.Configuration(
    ///     coin: coin, threads: threads,
    ///     workSource: PoolWorkSource.factory(settings: { $0 == coin ? pools : nil }, log: { print($0) }))
    /// ```
    public static func factory(
        settings: @escaping @Sendable (Coin) -> PoolSettings?, timing: PoolTiming = PoolTiming(),
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) -> @Sendable (Coin, KernelChoice) -> any WorkSource {
        { coin, kernels in
            guard let pools = settings(coin), !pools.urls.isEmpty else {
                return MiningEngine.benchmarkWork(coin, kernels)
            }
            if coin.algorithm.isRandomX {
                return MoneroWorkSource(pools: pools.urls, user: pools.user, password: pools.password,
                                        defaultVersion: pools.randomXVersion ?? .v1, timing: timing, log: log)
            }
            return PoolWorkSource(pools: pools.urls, algorithm: coin.algorithm, user: pools.user,
                                  password: pools.password, timing: timing, log: log)
        }
    }
}
