import RigEngine
import RigFigures
import RigInput

/// The names a GPU miner gives one GPU's figures in its list of GPUs (lolMiner's `Workers`,
/// T-Rex's `gpus`, GMiner's `devices`), so that every such list is read the same way: °C, fan
/// duty in percent, W (0 W is a card without a power sensor), the rate in the 60 s slot.
struct GPUFieldNames {
    /// Where the GPU's number is, in order of preference; a GPU without one takes its position.
    var index: [String]
    var celsius: String
    /// The hottest point of the die (lolMiner's junction temperature), where reported.
    var chipCelsius: String?
    var fanPercent: String
    var watts: String

    /// The GPUs of `list`, in its order, each with the rate `rate` gives for its record and
    /// position (nil: none).
    func devices(_ list: JSONValue?, rate: (JSONValue, Int) -> Double?) -> [MinerSnapshot.Device] {
        (list?.arrayValue ?? []).enumerated().map { position, record in
            let number = index.lazy.compactMap { MinerField.whole(record[$0], in: 0...100_000) }.first ?? position
            var device = MinerSnapshot.Device(index: number, name: "gpu \(number)")
            device.hashrate = WindowedRate(sixtySeconds: rate(record, position))
            device.celsius = MinerField.celsius(record[celsius])
            device.chipCelsius = chipCelsius.flatMap { MinerField.celsius(record[$0]) }
            device.fanPercent = MinerField.percent(record[fanPercent])
            device.watts = MinerField.reportedWatts(record[watts])
            return device
        }
    }
}

extension MinerSnapshot {
    /// The devices' watts summed, where any reports them: a GPU miner's whole power.
    var devicesWatts: Double? {
        MinerField.total(devices.compactMap(\.watts), in: 0...1e7)
    }
}
