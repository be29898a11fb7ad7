internal import CThreadShims

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thread naming and core pinning for worker threads.
public enum CPUAffinity {
    /// Pins the calling thread to `core`. Returns false where the OS refuses (a container with a
    /// restricted cpuset) or cannot (macOS has no hard affinity).
    static func pinCurrentThread(to core: Int) -> Bool {
        rig_pin_current_thread(Int32(core)) == 0
    }

    /// Lets the calling thread run on every core the process may use. Linux threads inherit
    /// their creator's affinity, so a helper thread started from a pinned miner would otherwise
    /// share that miner's one core.
    static func unpinCurrentThread() {
        _ = rig_unpin_current_thread()
    }

    /// Names the calling thread so `top -H` and `ps -L` show it.
    public static func nameCurrentThread(_ name: String) {
        _ = rig_name_current_thread(name)
    }

    /// The cores this process may run on, in order (the process's, not the calling thread's,
    /// which may be pinned).
    static func allowedCores() -> [Int] {
        var cpus = [Int32](repeating: 0, count: 1024)
        let count = rig_allowed_cpus(&cpus, Int32(cpus.count))
        if count > 0 { return cpus.prefix(Int(count)).map(Int.init) }
        return Array(0..<max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    }

    /// The cores the calling thread may run on; nil where the OS does not say.
    static func currentThreadCores() -> [Int]? {
        var cpus = [Int32](repeating: 0, count: 1024)
        let count = rig_current_thread_cpus(&cpus, Int32(cpus.count))
        return count > 0 ? cpus.prefix(Int(count)).map(Int.init) : nil
    }
}
