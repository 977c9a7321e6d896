package dev.actorshop.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** This JVM's CPU time and its collectors' time so far (or between two readings). */
record ProcessCpu(long cpuNanos, long gcMillis) {
  static ProcessCpu now() {
    long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    return new ProcessCpu(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime(), gc);
  }

  ProcessCpu minus(ProcessCpu before) {
    return new ProcessCpu(cpuNanos - before.cpuNanos, gcMillis - before.gcMillis);
  }
}
