import ArgumentParser
import Foundation
import RigEngine
import RigRuntime

/// `rigtop bench`: the real engine on benchmark work, measured.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure hashrate: the real mining engine on synthetic work.",
        discussion: """
            Runs the same worker threads and kernels as mining, on random headers, for a fixed \
            time, and prints per-thread and total H/s. The kernel is picked by a short speed \
            self-test unless --kernel names one. Compare with other miners' benchmark modes.
            """)

    @Option(name: .long, help: "The algorithm: sha256d, scrypt, randomx (rx/0) or randomx-v2 (rx/2).")
    var algo: HashAlgorithm = .sha256d

    /// The seconds a measurement may last: a tenth of a second up to a day.
    static let secondsRange: ClosedRange<Double> = 0.1...86_400

    @Option(name: .long, help: "Mining threads, 1 to \(Rig.maximumThreads) (default: one per core).",
            transform: NumericOption.whole(in: 1...Rig.maximumThreads))
    var threads: Int = WorkerPool.defaultThreadCount

    @Option(name: .long, help: "Seconds to measure, 0.1 to 86400, after a one-second warm-up.",
            transform: NumericOption.number(in: secondsRange))
    var seconds: Double = 10

    @Option(name: .long, help: "Force a kernel (e.g. sha-ni, avx512, avx2, generic, scrypt-avx2).")
    var kernel: HashKernel?

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @Flag(name: .long, help: "Measure every kernel this CPU supports, one after another.")
    var allKernels = false

    @Flag(name: .customLong("randomx-light"),
          help: "RandomX: light mode (256 MiB cache) instead of the 2 GiB dataset.")
    var randomXLight = false

    @Option(name: .customLong("randomx-engine"),
            help: "RandomX: rigtop (its own engine) or librandomx (the system's, v1 only), for side-by-side runs. Default: rigtop.")
    var randomXEngine: RandomXEngine?

    func validate() throws {
        if let version = algo.randomXVersion {
            let engine = RandomXEngine.engine(for: version, preferred: randomXEngine ?? .default)
            if let asked = randomXEngine, engine != asked {
                throw ValidationError(RandomXLibraryError.unsupportedVersion(engine: asked, version: version).description)
            }
            if case .failure(let error) = engine.library { throw ValidationError(error.description) }
        } else if !algo.isAvailable {
            throw ValidationError(algo.unavailableReason ?? "\(algo) is not available in this build")
        }
        if let kernel, kernel.algorithm != algo {
            throw ValidationError("kernel \(kernel) does not compute \(algo)")
        }
        if let kernel, !kernel.isSupported {
            throw ValidationError("this CPU cannot run the \(kernel) kernel")
        }
    }

    func run() async throws {
        let kernels: [HashKernel]
        if allKernels {
            kernels = algo.availableKernels
        } else if let kernel {
            kernels = [kernel]
        } else if let version = algo.randomXVersion {
            kernels = [.randomX(version, mode: randomXLight ? .light : RandomXMode.automatic())]
        } else {
            guard let best = KernelChoice.fastest().kernel(for: algo) else {
                throw ValidationError("no kernel for \(algo)")
            }
            kernels = [best]
        }
        var results: [BenchmarkResult] = []
        for kernel in kernels {
            let result = await Benchmark(
                algorithm: algo, kernel: kernel, threads: threads, seconds: seconds,
                randomXEngine: randomXEngine ?? .default
            ).run()
            results.append(result)
            if !json { print(result.text) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = results.count == 1 ? try encoder.encode(results[0]) : try encoder.encode(results)
            print(String(decoding: data, as: UTF8.self))
        }
    }
}

extension HashKernel: ExpressibleByArgument {}

extension RandomXEngine: ExpressibleByArgument {}
