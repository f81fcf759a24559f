package com.commentshield.common;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Keeps what the application logs at INFO or above while open: each record's formatted text with
 * its level, parameters and causes. Try-with-resources closes it.
 */
public final class LogCapture extends Handler implements AutoCloseable {

  /** One record as it would be read in the log. */
  public record Line(Level level, String text) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();

  private LogCapture() {
    setLevel(Level.ALL);
  }

  public static LogCapture start() {
    LogCapture capture = new LogCapture();
    Logger.getLogger("").addHandler(capture);
    return capture;
  }

  public List<Line> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() < Level.INFO.intValue()) {
      return;
    }
    StringBuilder text =
        new StringBuilder(
            record instanceof ExtLogRecord ext
                ? String.valueOf(ext.getFormattedMessage())
                : String.valueOf(record.getMessage()));
    if (record.getParameters() != null) {
      for (Object p : record.getParameters()) {
        text.append(' ').append(p);
      }
    }
    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
      text.append(' ').append(t.getMessage());
    }
    lines.add(new Line(record.getLevel(), text.toString()));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
