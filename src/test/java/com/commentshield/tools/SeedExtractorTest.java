package com.commentshield.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs from the project directory, where {@code seeds/} and {@code training-data/} live. */
class SeedExtractorTest {

  private static final Path SEEDS = Path.of("seeds");
  private static final Path SEEDS_TSV = Path.of("training-data/seeds.tsv");

  @Test
  void extractingTheSeedPagesGivesExactlyTheCommittedTrainingFile() throws IOException {
    // When the extractor runs over seeds/
    List<SeedExtractor.Row> rows = SeedExtractor.extractAll(SEEDS);

    // Then its output is byte for byte training-data/seeds.tsv
    assertEquals(Files.readString(SEEDS_TSV, StandardCharsets.UTF_8), SeedExtractor.toTsv(rows));
  }

  @Test
  void theCnnCommentsAreSpamAndTheForumPostsHam() throws IOException {
    List<SeedExtractor.Row> rows = SeedExtractor.extractAll(SEEDS);

    List<SeedExtractor.Row> spam = rows.stream().filter(r -> r.label().equals("spam")).toList();
    List<SeedExtractor.Row> ham = rows.stream().filter(r -> r.label().equals("ham")).toList();
    assertEquals(8, spam.size());
    assertEquals(2, ham.size());
    assertTrue(spam.stream().allMatch(r -> r.source().startsWith("seed:001_")));
    assertTrue(ham.stream().allMatch(r -> r.source().startsWith("seed:004_")));
    assertTrue(spam.stream().allMatch(r -> r.text().matches("(?i).*(cialis|pharmac|drugs).*")));
  }

  @Test
  void pageFurnitureIsNotExtracted() throws IOException {
    List<SeedExtractor.Row> rows = SeedExtractor.extractAll(SEEDS);

    for (SeedExtractor.Row row : rows) {
      for (String furniture :
          List.of(
              "Post a comment",
              "Similar Threads",
              "Posting Permissions",
              "Join Date",
              "| Reply",
              "soundoff",
              "Responses)")) {
        assertFalse(row.text().contains(furniture), furniture + " in: " + row.text());
      }
      assertFalse(row.text().isBlank());
      assertFalse(row.text().contains("\t"));
    }
  }

  @Test
  void aCommentSectionIsReadUpToItsEnd() {
    // Given a minimal page in the layout of the seed news page
    List<String> page =
        List.of(
            "Some article text",
            "soundoff (2 Responses)",
            "   1. spammer",
            "      buy cheap pills",
            "      online now",
            "      March 3, 2012 at 10:15 pm | Reply",
            "   2. another",
            "      second comment",
            "      March 4, 2012 at 1:05 am | Reply",
            "Post a comment",
            "   1. not a comment");

    List<SeedExtractor.Row> rows = SeedExtractor.extract(page, "seed:test");

    assertEquals(
        List.of(
            new SeedExtractor.Row("spam", "buy cheap pills online now", "seed:test"),
            new SeedExtractor.Row("spam", "second comment", "seed:test")),
        rows);
  }
}
