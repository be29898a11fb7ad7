/// Settings a sampler takes from the config file: throttle limits and the power model.
public struct SensorConfiguration: Sendable, Hashable {
    public var throttle: ThrottlePolicy
    public var powerModel: PowerEstimate

    public init(throttle: ThrottlePolicy = ThrottlePolicy(), powerModel: PowerEstimate = PowerEstimate()) {
        self.throttle = throttle
        self.powerModel = powerModel
    }
}
