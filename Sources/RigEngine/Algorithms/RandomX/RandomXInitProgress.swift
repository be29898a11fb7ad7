import Synchronization

/// How far a dataset build has come: items initialised out of all, readable from any thread.
///
/// Written by the build threads (one relaxed add per chunk of ≈ 8k items, never per item); read
/// by `EngineStats` at ≈ 1 Hz and by `rigtop bench`.
public final class RandomXInitProgress: Sendable {
    let itemsDone = Atomic<Int>(0)
    let itemsTotal = Atomic<Int>(0)
    /// Whether a build is under way (cache or dataset).
    let building = Atomic<Bool>(false)

    public init() {}

    /// 0…1 while a build runs (0 during the cache's Argon2 phase); nil when none does.
    public var fraction: Double? {
        guard building.load(ordering: .relaxed) else { return nil }
        let total = itemsTotal.load(ordering: .relaxed)
        return total > 0 ? min(1, Double(itemsDone.load(ordering: .relaxed)) / Double(total)) : 0
    }

    func begin(total: Int) {
        itemsDone.store(0, ordering: .relaxed)
        itemsTotal.store(total, ordering: .relaxed)
        building.store(true, ordering: .relaxed)
    }

    func end() { building.store(false, ordering: .relaxed) }
}
