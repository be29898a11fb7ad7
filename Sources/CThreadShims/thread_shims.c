#define _GNU_SOURCE
#include "CThreadShims.h"
#if defined(__linux__)
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

int rig_pin_current_thread(int cpu) {
    if (cpu < 0 || cpu >= CPU_SETSIZE) return -1;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0 ? 0 : -1;
}

int rig_name_current_thread(const char *name) {
    char truncated[16];
    strncpy(truncated, name, sizeof truncated - 1);
    truncated[sizeof truncated - 1] = 0;
    return pthread_setname_np(pthread_self(), truncated) == 0 ? 0 : -1;
}

// The process's CPUs are the main thread's mask (the thread whose id is the pid): a new thread
// inherits its creator's mask, so asking the calling thread would answer "core 3" on a thread
// made by a miner pinned to core 3. rigtop never pins the main thread.
static int rig_process_cpus(cpu_set_t *set) {
    return sched_getaffinity(getpid(), sizeof *set, set);
}

int rig_unpin_current_thread(void) {
    cpu_set_t set;
    if (rig_process_cpus(&set) != 0) return -1;
    return pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0 ? 0 : -1;
}

static int rig_list_cpus(const cpu_set_t *set, int *cpus, int max) {
    int n = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && n < max; cpu++)
        if (CPU_ISSET(cpu, set)) cpus[n++] = cpu;
    return n;
}

int rig_allowed_cpus(int *cpus, int max) {
    cpu_set_t set;
    if (rig_process_cpus(&set) != 0) return -1;
    return rig_list_cpus(&set, cpus, max);
}

int rig_current_thread_cpus(int *cpus, int max) {
    cpu_set_t set;
    if (pthread_getaffinity_np(pthread_self(), sizeof set, &set) != 0) return -1;
    return rig_list_cpus(&set, cpus, max);
}
#else
int rig_pin_current_thread(int cpu) { (void)cpu; return -1; }
int rig_name_current_thread(const char *name) { (void)name; return -1; }
int rig_allowed_cpus(int *cpus, int max) { (void)cpus; (void)max; return -1; }
int rig_unpin_current_thread(void) { return -1; }
int rig_current_thread_cpus(int *cpus, int max) { (void)cpus; (void)max; return -1; }
#endif
