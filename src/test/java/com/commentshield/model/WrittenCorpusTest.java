package com.commentshield.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.text.FeatureSettings;
import com.commentshield.text.Featurizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The written corpus teaches what spam is, not a shortcut to it: what ordinary comments also hold
 * (a link, a link to a well-known site, a web address's parts, a number, a price, a year, talk of
 * channels and subscribing) must not appear in spam alone, or the default model learns that it
 * means spam and blocks the first ordinary comment that has it. {@code
 * bench/lib/corpus_shortcuts.py} prints the full table.
 */
class WrittenCorpusTest {

  /** From this many spam examples on, a feature must also occur in ham. */
  private static final int SPAM_EXAMPLES_THAT_MAKE_A_PATTERN = 4;

  /** Signals that are evidence in themselves: tricks ordinary writers have no reason to use. */
  private static final Set<String> EVIDENCE =
      Set.of(
          "leetspeak (digits for letters)",
          "look-alike letters from other alphabets",
          "hidden zero-width characters",
          "spaced-out letters",
          "disguised link (spaced or spelled-out dots)",
          "link shortener",
          "repeated characters",
          "shouting (mostly capitals)",
          "earnings per day, week or month");

  /** Words of ordinary talk that spam also uses. */
  private static final Set<String> ORDINARY_WORDS =
      Set.of(
          "http",
          "https",
          "www",
          "com",
          "org",
          "net",
          "channel",
          "subscribe",
          "subscribed",
          "subscribers",
          "video",
          "views",
          "likes",
          "like",
          "check",
          "link",
          "free",
          "money",
          "call",
          "phone",
          "number",
          "online",
          "email",
          "website",
          "blog",
          "page",
          "follow",
          "music",
          "song",
          "watch",
          "youtube",
          "download",
          "app",
          "price",
          "buy",
          "order",
          "shop");

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  @Test
  void nothingOrdinaryAppearsOnlyInSpam() {
    Featurizer featurizer = new Featurizer(FeatureSettings.DEFAULT);
    Map<String, int[]> seen = new HashMap<>();
    for (LabeledText example : DefaultTrainingData.load()) {
      int label = example.spam() ? 1 : 0;
      java.util.Set<String> features = new java.util.HashSet<>();
      for (String signal : featurizer.featurize(example.comment()).signals()) {
        if (!EVIDENCE.contains(signal) && !signal.startsWith("author")) {
          features.add("signal: " + signal);
        }
      }
      Matcher words = WORD.matcher(example.comment().content().toLowerCase(Locale.ROOT));
      while (words.find()) {
        String word = words.group();
        if (ORDINARY_WORDS.contains(word)) {
          features.add("word: " + word);
        } else if (word.chars().allMatch(Character::isDigit)) {
          features.add("number of " + Math.min(word.length(), 5) + " digits");
        }
      }
      for (String feature : features) {
        seen.computeIfAbsent(feature, f -> new int[2])[label]++;
      }
    }
    List<String> shortcuts = new ArrayList<>();
    new TreeMap<>(seen)
        .forEach(
            (feature, counts) -> {
              if (counts[1] >= SPAM_EXAMPLES_THAT_MAKE_A_PATTERN && counts[0] == 0) {
                shortcuts.add(feature + " (in " + counts[1] + " spam, no ham)");
              }
            });
    assertTrue(shortcuts.isEmpty(), () -> "only in spam: " + String.join("; ", shortcuts));
  }
}
