package com.commentshield.common;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Keeps Java class names out of the metrics: Vert.x counts connection-level failures (an overlong
 * request line, oversized headers, a broken chunk) in {@code http.server.errors} tagged with the
 * exception's class. The count stays; the tag goes, as the error answers never name a class either.
 */
public class MetricTags {

  static final String SERVER_ERRORS = "http.server.errors";

  @Produces
  @Singleton
  MeterFilter withoutExceptionClasses() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (!SERVER_ERRORS.equals(id.getName()) || id.getTag("class") == null) {
          return id;
        }
        List<Tag> kept = id.getTags().stream().filter(t -> !t.getKey().equals("class")).toList();
        return id.replaceTags(kept);
      }
    };
  }
}
