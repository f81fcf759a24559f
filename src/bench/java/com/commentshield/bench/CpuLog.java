package com.commentshield.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * CPU time next to wall time, per measured iteration, appended as JSON lines to the file named by
 * the system property {@code bench.cpuLog} (nothing is written without it). On a shared machine the
 * wall-clock score drops when other processes take the cores; operations per CPU-second of the
 * benchmark thread (or, for training, of the whole process) do not, or much less.
 */
final class CpuLog {

  private long cpuStart;
  private long wallStart;
  private long opsStart;

  /** CPU time of the calling thread, or of the whole process when {@code process}. */
  static long cpuNanos(boolean process) {
    if (process) {
      return ((com.sun.management.OperatingSystemMXBean)
              ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  void start(long ops, boolean process) {
    opsStart = ops;
    wallStart = System.nanoTime();
    cpuStart = cpuNanos(process);
  }

  void stop(long ops, boolean process, BenchmarkParams benchmark, IterationParams iteration) {
    long cpu = cpuNanos(process) - cpuStart;
    long wall = System.nanoTime() - wallStart;
    String file = System.getProperty("bench.cpuLog");
    if (file == null || iteration.getType() != IterationType.MEASUREMENT) {
      return;
    }
    StringBuilder params = new StringBuilder();
    for (String key : benchmark.getParamsKeys()) {
      params
          .append(params.isEmpty() ? "" : ",")
          .append('"')
          .append(key)
          .append("\":\"")
          .append(benchmark.getParam(key))
          .append('"');
    }
    String line =
        String.format(
            Locale.ROOT,
            "{\"benchmark\":\"%s\",\"params\":{%s},\"ops\":%d,\"cpu_ns\":%d,\"wall_ns\":%d,"
                + "\"cpu_scope\":\"%s\"}%n",
            benchmark.getBenchmark(),
            params,
            ops - opsStart,
            cpu,
            wall,
            process ? "process" : "thread");
    try {
      Files.writeString(
          Path.of(file),
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
