import ArgumentParser
import Foundation
import RigAPI
import RigConfig
import RigInput
import RigRuntime

/// The API servers' options, shared by the dashboard and `rigtop mine`; each server is off unless
/// its address is given here or in the config's `[api]` section.
struct APIOptions: ParsableArguments {
    @Option(name: .customLong("api"), help: ArgumentHelp(
        "Serve the HTTP API (xmrig's /1/summary, Prometheus /metrics, /api/v1/state, /json_rpc) on [HOST:]PORT; host 127.0.0.1 unless given.",
        valueName: "[host:]port"))
    var http: String?

    @OptionGroup var access: APITokenOptions

    @Option(name: .customLong("cgminer-api"), help: ArgumentHelp(
        "Serve cgminer's API (summary, devs, pools, version, config, stats) on [HOST:]PORT, e.g. 4028.", valueName: "[host:]port"))
    var cgminer: String?

    @Option(name: .customLong("cpuminer-api"), help: ArgumentHelp(
        "Serve cpuminer-opt's API (summary, threads) on [HOST:]PORT, e.g. 4048.", valueName: "[host:]port"))
    var cpuminer: String?

    func validate() throws {
        for text in [http, cgminer, cpuminer].compactMap({ $0 }) {
            do { _ = try APIEndpoint(parsing: text) } catch { throw ValidationError("\(error)") }
        }
    }

    /// Starts the servers these options (over the config's `[api]`) ask for.
    func start(rig: Rig, config: RigtopConfig, log: @escaping @Sendable (String) -> Void) async throws -> APIServers {
        func endpoint(_ text: String?) throws -> APIEndpoint? {
            guard let text else { return nil }
            do { return try APIEndpoint(parsing: text) } catch { throw ValidationError("\(error)") }
        }
        let tokenText = try access.text(orConfigured: config.api.token, file: config.api.tokenFile)
        let servers = try APIServers(
            rig: rig, http: endpoint(http ?? config.api.http), token: tokenText.flatMap(AccessToken.init),
            cgminer: endpoint(cgminer ?? config.api.cgminer), cpuminer: endpoint(cpuminer ?? config.api.cpuminer))
        try await servers.start(log: log)
        return servers
    }
}

/// `--api-token` and `--api-token-file`: the token an HTTP server rigtop runs wants, and which
/// a non-loopback bind needs. Shared by the rig's API options and `rigtop exporter`.
struct APITokenOptions: ParsableArguments {
    @Option(name: .customLong("api-token"), help: ArgumentHelp(
        "The bearer token that unlocks control (POST /json_rpc; the exporter's /metrics); needed to bind a non-loopback address. Prefer --api-token-file: arguments show in ps.",
        valueName: "token"))
    var token: String?

    @Option(name: .customLong("api-token-file"), help: ArgumentHelp("Read the API token from this file.", valueName: "file"))
    var tokenFile: String?

    /// The token's text: the file's (flag, else `file`), else the flag's, else `configured`.
    func text(orConfigured configured: String? = nil, file: String? = nil) throws -> String? {
        guard let path = tokenFile ?? file else { return token ?? configured }
        do {
            return try OutsideFile.text(atPath: path, limit: 4096)
        } catch {
            throw ValidationError("cannot read the API token file \(path): \(error)")
        }
    }
}
