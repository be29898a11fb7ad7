#ifndef RIGTOP_CTHREADSHIMS_H
#define RIGTOP_CTHREADSHIMS_H
// Thread affinity and naming: GNU extensions (_GNU_SOURCE) that Swift's Glibc module does not
// export, wrapped so RigEngine can call them. Each returns 0 on success, -1 where unsupported.

/// Pins the calling thread to one CPU.
int rig_pin_current_thread(int cpu);
/// Names the calling thread (Linux keeps 15 bytes).
int rig_name_current_thread(const char *name);
/// Lets the calling thread run on every CPU the process may use (undoes an inherited pin).
int rig_unpin_current_thread(void);
/// Writes up to max CPU numbers the process may run on; returns how many, or -1.
int rig_allowed_cpus(int *cpus, int max);
/// Writes up to max CPU numbers the calling thread may run on; returns how many, or -1.
int rig_current_thread_cpus(int *cpus, int max);
#endif
