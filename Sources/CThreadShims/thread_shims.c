#define _GNU_SOURCE
#include "CThreadShims.h"
#if defined(__linux__)
#include <pthread.h>
#include <sched.h>
#include <string.h>

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

int rig_allowed_cpus(int *cpus, int max) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return -1;
    int n = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && n < max; cpu++)
        if (CPU_ISSET(cpu, &set)) cpus[n++] = cpu;
    return n;
}
#else
int rig_pin_current_thread(int cpu) { (void)cpu; return -1; }
int rig_name_current_thread(const char *name) { (void)name; return -1; }
int rig_allowed_cpus(int *cpus, int max) { (void)cpus; (void)max; return -1; }
#endif
