/// Checks `condition` every `every` until it holds or `seconds` pass, and once more after that.
///
/// The ceiling is generous: a passing test ends on its condition, and a CI machine under load
/// (the whole suite's tasks on two cores) can take many seconds. The last check after the deadline
/// is there because such a machine can wake this task far past it. A cancelled task stops waiting
/// and makes that last check at once.
public func eventually(_ seconds: Double = 60, every: Duration = .milliseconds(20),
                       _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline, !Task.isCancelled {
        if try await condition() { return true }
        try? await Task.sleep(for: every)
    }
    return try await condition()
}
