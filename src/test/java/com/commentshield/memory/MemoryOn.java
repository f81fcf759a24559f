package com.commentshield.memory;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The site's memory on, as in production, and a short sync period. */
public class MemoryOn implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("commentshield.memory.enabled", "true", "commentshield.sync.every", "1s");
  }
}
