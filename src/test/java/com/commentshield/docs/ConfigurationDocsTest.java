package com.commentshield.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.commentshield.common.CommentShieldConfig;
import io.smallrye.config.ConfigMapping;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every configuration key the service reads through its {@code @ConfigMapping} is documented in
 * {@code docs/configuration.md}: a key added to the interface without a line in the docs fails
 * here.
 */
class ConfigurationDocsTest {

  private static final Path DOCS = Path.of("docs/configuration.md");

  @Test
  void everyMappedKeyIsInTheConfigurationTable() throws IOException {
    String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
    List<String> keys = keysOf(CommentShieldConfig.class);
    assertFalse(keys.isEmpty());
    List<String> missing = new ArrayList<>();
    for (String key : keys) {
      if (!docs.contains("`" + key + "`")) {
        missing.add(key);
      }
    }
    assertEquals(List.of(), missing, "keys missing from " + DOCS);
  }

  @Test
  void keysAreFoundInNestedGroups() {
    List<String> keys = keysOf(CommentShieldConfig.class);
    // a leaf of a nested group and a top-level key both appear, in SmallRye's kebab-case
    org.junit.jupiter.api.Assertions.assertTrue(
        keys.contains("commentshield.rate-limit.burst"), keys::toString);
    org.junit.jupiter.api.Assertions.assertTrue(
        keys.contains("commentshield.data-dir"), keys::toString);
  }

  static List<String> keysOf(Class<?> mapping) {
    String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
    List<String> keys = new ArrayList<>();
    collect(mapping, prefix, keys);
    return keys;
  }

  private static void collect(Class<?> group, String prefix, List<String> keys) {
    for (Method m : group.getDeclaredMethods()) {
      if (m.getParameterCount() > 0
          || m.isDefault()
          || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      String key = prefix + "." + kebab(m.getName());
      Class<?> type = m.getReturnType();
      if (type == Optional.class) {
        Type arg = ((ParameterizedType) m.getGenericReturnType()).getActualTypeArguments()[0];
        type = arg instanceof Class<?> c ? c : Object.class;
      }
      if (type.isInterface() && type.getName().startsWith("com.commentshield")) {
        collect(type, key, keys);
      } else {
        keys.add(key);
      }
    }
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
