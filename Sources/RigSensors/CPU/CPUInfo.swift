import RigInput
/// What `/proc/cpuinfo` says: the model name and each processor's reported MHz.
public struct CPUInfo: Sendable, Hashable {
    /// The first `model name` (x86) or `Model`/`Hardware` (ARM) line.
    public var modelName: String?
    /// `cpu MHz` per `processor` number (x86 only).
    public var megahertz: [Int: Double]
    /// How many `processor` entries there are.
    public var processorCount: Int

    public static func read(root: SysfsRoot) -> Result<CPUInfo, ReadingError> {
        root.readBytes("proc/cpuinfo", limit: 4 << 20).flatMap { bytes in
            let info = parse(String(decoding: bytes, as: UTF8.self))
            return info.processorCount == 0 && info.modelName == nil ? .failure(.empty) : .success(info)
        }
    }

    public static func parse(_ text: String) -> CPUInfo {
        var info = CPUInfo(modelName: nil, megahertz: [:], processorCount: 0)
        var processor: Int?
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters()
            let value = line[line.index(after: colon)...].trimmingCharacters()
            switch key {
            case "processor":
                processor = Int(value)
                info.processorCount += 1
            case "model name", "Model", "Hardware":
                if info.modelName == nil, !value.isEmpty { info.modelName = OutsideText.escaped(value) }
            case "cpu MHz":
                if let processor, let mhz = Double(value) { info.megahertz[processor] = mhz }
            default: break
            }
        }
        return info
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
