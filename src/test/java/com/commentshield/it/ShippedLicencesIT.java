package com.commentshield.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every library the packaged service ships (target/quarkus-app/lib) has its licence in
 * licences.tsv, and licences.tsv lists nothing that no longer ships: a new dependency, or one that
 * a build change brings back, fails here until someone has looked at its licence.
 */
class ShippedLicencesIT {

  private static final Path APP =
      Path.of(System.getProperty("commentshield.jar", "target/quarkus-app/quarkus-run.jar"))
          .getParent();

  @Test
  void everyShippedLibraryHasALicenceEntryAndEveryEntryShips() throws IOException {
    Map<String, String> licences = licences(Path.of("licences.tsv"));
    TreeSet<String> shipped = new TreeSet<>(shippedArtifacts());

    TreeSet<String> unlisted = new TreeSet<>(shipped);
    unlisted.removeAll(licences.keySet());
    TreeSet<String> notShipped = new TreeSet<>(licences.keySet());
    notShipped.removeAll(shipped);

    assertTrue(
        unlisted.isEmpty(),
        "shipped without an entry in licences.tsv (add each with its licence): " + unlisted);
    assertTrue(
        notShipped.isEmpty(), "in licences.tsv but no longer shipped (remove them): " + notShipped);
  }

  /** groupId:artifactId of each jar in lib/, from the dependency list Quarkus writes beside it. */
  private static List<String> shippedArtifacts() throws IOException {
    Map<String, String> artifactByFileName = new HashMap<>();
    for (String line : Files.readAllLines(APP.resolve("quarkus-app-dependencies.txt"))) {
      String[] gav = line.strip().split(":"); // groupId:artifactId:classifier:type:version
      if (gav.length == 5) {
        String classifier = gav[2].isEmpty() ? "" : "-" + gav[2];
        artifactByFileName.put(
            gav[0] + "." + gav[1] + "-" + gav[4] + classifier + "." + gav[3],
            gav[0] + ":" + gav[1]);
      }
    }
    try (Stream<Path> jars =
        Stream.concat(Files.list(APP.resolve("lib/boot")), Files.list(APP.resolve("lib/main")))) {
      return jars.map(
              jar -> {
                String name = jar.getFileName().toString();
                String artifact = artifactByFileName.get(name);
                assertTrue(
                    artifact != null,
                    "lib/ holds " + name + ", which the dependency list does not name");
                return artifact;
              })
          .toList();
    }
  }

  private static Map<String, String> licences(Path tsv) throws IOException {
    Map<String, String> licences = new TreeMap<>();
    List<String> lines =
        Files.readAllLines(tsv).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    assertEquals("artifact\tlicence\tgroup", lines.getFirst(), "licences.tsv header");
    for (String line : lines.subList(1, lines.size())) {
      String[] columns = line.split("\t");
      assertTrue(
          columns.length == 3 && !columns[1].isBlank() && !columns[2].isBlank(),
          "licences.tsv: artifact, licence and group are all needed: " + line);
      licences.put(columns[0], columns[1]);
    }
    return licences;
  }
}
