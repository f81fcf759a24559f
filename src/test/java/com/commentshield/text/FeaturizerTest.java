package com.commentshield.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.comment.Author;
import com.commentshield.comment.Comment;
import com.commentshield.comment.CommentContext;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturizerTest {

  private final Featurizer featurizer = new Featurizer(FeatureSettings.DEFAULT);

  @Test
  void theSameCommentAlwaysGivesTheSameVector() {
    // Given one comment featurized twice, by two featurizers with the same settings
    Comment comment = Comment.of("Great video! Check out my channel http://example.com/x");

    FeatureVector first = featurizer.featurize(comment);
    FeatureVector second = new Featurizer(FeatureSettings.DEFAULT).featurize(comment);

    // Then the hashed features, their counts and kinds are identical
    assertEquals(first.size(), second.size());
    assertArrayEquals(sorted(first), sorted(second));
    assertEquals(first.signals(), second.signals());
  }

  @Test
  void indicesAreDistinctAndInsideTheHashedSpace() {
    FeatureVector v = featurizer.featurize(Comment.of("the the the cat sat on the mat"));

    int[] indices = Arrays.copyOf(v.indices(), v.size());
    assertEquals(v.size(), Arrays.stream(indices).distinct().count());
    int dimension = FeatureSettings.DEFAULT.dimension();
    assertTrue(Arrays.stream(indices).allMatch(i -> i >= 0 && i < dimension));
    // "the" occurs four times: some word feature has count 4
    assertTrue(countOfWord(v, "the") == 4);
  }

  @Test
  void aTextWithMoreOccurrencesThanACounterHoldsIsCountedInFull() {
    // Given a short text and the same text repeated until its n-grams occur over 65,535 times
    String period = "alpha beta gamma ";
    FeatureVector few = featurizer.featurize(Comment.of(period.repeat(3)));
    FeatureVector many = featurizer.featurize(Comment.of(period.repeat(70_000)));

    // Then the long one has the same features in the same order, and its words the full counts
    assertEquals(few.size(), many.size());
    assertArrayEquals(
        Arrays.copyOf(few.indices(), few.size()), Arrays.copyOf(many.indices(), many.size()));
    assertArrayEquals(
        Arrays.copyOf(few.kinds(), few.size()), Arrays.copyOf(many.kinds(), many.size()));
    int beta = indexOfWord(Comment.of(period), "beta");
    assertEquals(3, countAt(few, beta));
    assertEquals(70_000, countAt(many, beta));
  }

  @Test
  void theVectorDoesNotDependOnWhatWasFeaturizedBefore() {
    // Given a comment featurized once
    Comment comment = Comment.of("Great video! Check out my channel http://example.com/x");
    FeatureVector first = featurizer.featurize(comment);

    // When a comment long enough to outgrow the scratch space, then the first one again, are
    // featurized
    featurizer.featurize(Comment.of("lorem ipsum dolor sit amet ".repeat(4_000)));
    FeatureVector again = featurizer.featurize(comment);

    // Then the entries come back identical and in the same order (sums over them add in order)
    assertEquals(first.size(), again.size());
    assertArrayEquals(
        Arrays.copyOf(first.indices(), first.size()), Arrays.copyOf(again.indices(), again.size()));
    assertArrayEquals(
        Arrays.copyOf(first.counts(), first.size()), Arrays.copyOf(again.counts(), again.size()));
    assertArrayEquals(
        Arrays.copyOf(first.kinds(), first.size()), Arrays.copyOf(again.kinds(), again.size()));
  }

  @Test
  void everyOccurrenceIsCounted() {
    // " abc abc " (the text with a space at both ends) holds 8 + 7 + 6 + 5 n-grams of 2 to 5
    // characters; the words are "abc" twice and the pair "abc abc" once
    FeatureVector v = featurizer.featurize(Comment.of("abc abc"));

    int chars = 0;
    int words = 0;
    for (int i = 0; i < v.size(); i++) {
      if (v.kind(i) == FeatureKind.CHARS) {
        chars += v.counts()[i];
      } else if (v.kind(i) == FeatureKind.WORD) {
        words += v.counts()[i];
      }
    }
    assertEquals(26, chars);
    assertEquals(3, words);
  }

  @Test
  void linksNameTheirSiteTopLevelDomainAndPathShape() {
    FeatureVector v =
        featurizer.featurize(
            Comment.of("Cheap pills at http://www.shop.cheap-pills.ru/buy?now=1 !!"));

    assertTrue(v.signals().contains("link domain cheap-pills.ru"), v.signals()::toString);
    assertTrue(v.signals().contains("link top-level domain .ru"));
    assertTrue(v.signals().contains("link with query parameters"));
    assertFalse(v.signals().contains("link written without http://"));
  }

  @Test
  void aLinkIsDescribedByItsSiteAndPathShape() {
    // Given comments with an ordinary link and with a dropped one
    Collection<String> explained =
        signalsOf("Good summary, the docs say the same: https://docs.python.org/3/library/re.html");
    Collection<String> dropped = signalsOf("nice http://free-stuff.example.xyz/?r=1");

    // Then both links are described: site and path shape
    assertTrue(explained.contains("link domain python.org"), explained::toString);
    assertTrue(explained.contains("link deep into a site"));
    assertTrue(dropped.contains("link domain example.xyz"), dropped::toString);
    assertTrue(dropped.contains("link with query parameters"), dropped::toString);
  }

  @Test
  void sentencesRunTogetherAreNotLinks() {
    // Given messages typed without a space after the full stop
    Collection<String> signals = signalsOf("Just saw your message.it was fine. Me at home.in case");

    // Then no address is read into them, while a real one with a word-like ending still is
    assertTrue(signals.stream().noneMatch(s -> s.contains("link")), signals::toString);
    assertTrue(signalsOf("see https://bit.ly/abc and www.example.it").contains("two links"));
  }

  @Test
  void theRegistrableDomainKeepsSecondLevelSuffixes() {
    assertEquals("bbc.co.uk", Featurizer.registrableDomain("news.bbc.co.uk"));
    assertEquals("example.com", Featurizer.registrableDomain("a.b.example.com"));
    assertEquals("example.com", Featurizer.registrableDomain("example.com"));
  }

  @Test
  void aLinkToTheSiteOfThePageItselfIsSaidToBeSo() {
    // Given a comment linking to another part of the site it is posted on
    Comment comment =
        new Comment(
            "the follow-up is here https://blog.example.org/2024/05/part-two",
            null,
            new CommentContext(
                "blog", "https://www.example.org/2024/04/part-one", null, null, null));

    Collection<String> signals = featurizer.featurize(comment).signals();

    // Then the link is said to be the site's own, and is not counted as a link away
    assertTrue(signals.contains("link to the site of the page itself"), signals::toString);
    assertTrue(signals.stream().noneMatch(s -> s.startsWith("link domain")));
    assertFalse(signals.contains("one link"));
  }

  @Test
  void disguisedAddressesAreLinks() {
    for (String text :
        List.of(
            "visit cheapmeds dot com today",
            "visit cheapmeds(dot)com today",
            "visit cheapmeds . com today",
            "visit cheapmeds .com today",
            "visit cheapmeds\u3002com today",
            "visit \uFF43\uFF48\uFF45\uFF41\uFF50\uFF4D\uFF45\uFF44\uFF53\uFF0E\uFF43\uFF4F\uFF4D today",
            "visit ht tp: //cheapmeds.ru today",
            "visit w ww .cheapmeds.ru today")) {
      Collection<String> signals = signalsOf(text);
      assertTrue(
          signals.contains("link domain cheapmeds.com")
              || signals.contains("link domain cheapmeds.ru"),
          text + " " + signals);
    }
    assertTrue(
        signalsOf("visit cheapmeds dot com")
            .contains("disguised link (spaced or spelled-out dots)"));
    assertFalse(
        signalsOf("visit cheapmeds.com").contains("disguised link (spaced or spelled-out dots)"));
  }

  @Test
  void sentencesEndingBeforeAShortWordAreNotDisguisedLinks() {
    assertTrue(
        signalsOf("Watched it twice. me too. In the end. it was fine. co-op mode is great").stream()
            .noneMatch(s -> s.contains("link")));
  }

  @Test
  void bareDomainsAndShortenersAreLinksToo() {
    FeatureVector v = featurizer.featurize(Comment.of("go to bit.ly/3xYz and shop.example.com"));

    assertTrue(v.signals().contains("two links"));
    assertTrue(v.signals().contains("link shortener"));
  }

  @Test
  void sentencesEndingInAFullStopAreNotLinks() {
    FeatureVector v =
        featurizer.featurize(Comment.of("I agree. The council should fund it.Really."));

    assertTrue(v.signals().stream().noneMatch(s -> s.contains("link")), v.signals()::toString);
  }

  @Test
  void phoneNumbersAreSignalledButAListOfDigitsIsNot() {
    FeatureVector phone =
        featurizer.featurize(Comment.of("Call support now on +1 (800) 555-0199 toll free"));
    FeatureVector list = featurizer.featurize(Comment.of("pick one: 1 2 3 4 5 6 7 8 9"));

    assertTrue(phone.signals().contains("phone number"));
    assertFalse(list.signals().contains("phone number"));
  }

  @Test
  void pricesAndEarningsAreToldApart() {
    assertTrue(signalsOf("Earn $500 a day from home").contains(Numbers.EARNINGS));
    assertTrue(signalsOf("make 3k usd per week").contains(Numbers.EARNINGS));
    assertTrue(signalsOf("made 3,000 usd last week").contains(Numbers.PRICE));
    assertTrue(signalsOf("paid $1,199 for the phone").contains(Numbers.PRICE));
    assertFalse(signalsOf("I have 3 cats and 2 dogs").contains(Numbers.PRICE));
  }

  @Test
  void countsAndYearsAreNotPhoneNumbers() {
    for (String text :
        List.of(
            "2,147,483,647 views, the counter broke",
            "1.000.000.000 views!!",
            "1000000000 views and counting",
            "this has 2.5 billion views",
            "10k likes")) {
      Collection<String> signals = signalsOf(text);
      assertTrue(signals.contains(Numbers.COUNT), text + " " + signals);
      assertFalse(signals.contains(Numbers.PHONE), text + " " + signals);
    }
    assertTrue(signalsOf("who is still listening in 2024?").contains(Numbers.YEAR));
    assertFalse(signalsOf("who is still listening in 2024?").contains(Numbers.PHONE));
    assertTrue(signalsOf("call 1-800-555-0199 now").contains(Numbers.PHONE));
  }

  @Test
  void shoutingAndRepeatedCharactersAreSignalled() {
    Collection<String> signals = signalsOf("SUBSCRIBE TO MY CHANNEL NOW PLEASEEEE");

    assertTrue(signals.contains("shouting (mostly capitals)"));
    assertTrue(signals.contains("repeated characters"));
  }

  @Test
  void obfuscationTricksAreSignalled() {
    assertTrue(signalsOf("buy v1agra").contains("leetspeak (digits for letters)"));
    assertTrue(signalsOf("buy v\u0456agra").contains("look-alike letters from other alphabets"));
    assertTrue(signalsOf("buy c i a l i s").contains("spaced-out letters"));
    assertTrue(signalsOf("buy via\u200Bgra").contains("hidden zero-width characters"));
    assertTrue(signalsOf("write me: deals@example.com").contains("e-mail address in text"));
  }

  @Test
  void authorFieldsAreSignalled() {
    FeatureVector v =
        featurizer.featurize(
            new Comment(
                "nice post",
                new Author("Bob", "bob@Mail.Example.org", "https://www.seo-shop.com/p"),
                null));

    assertTrue(v.signals().contains("author gave a web site"));
    assertTrue(v.signals().contains("author web site seo-shop.com"));
    assertTrue(v.signals().contains("author e-mail domain mail.example.org"));
  }

  @Test
  void anOrdinaryCommentHasNoSignals() {
    assertTrue(signalsOf("Thanks, this finally made git rebase click for me").isEmpty());
  }

  @Test
  void describeNamesWordsPhrasesAndSignals() {
    Comment comment = Comment.of("Cheap pills at www.pills.ru");

    Map<Integer, Featurizer.Feature> names = featurizer.describe(comment, index -> true);

    assertTrue(names.containsValue(new Featurizer.Feature(FeatureKind.WORD, "cheap")));
    assertTrue(names.containsValue(new Featurizer.Feature(FeatureKind.WORD, "cheap pills")));
    assertTrue(
        names.containsValue(new Featurizer.Feature(FeatureKind.SIGNAL, "link domain pills.ru")));
    // and every index of the vector has a name
    FeatureVector v = featurizer.featurize(comment);
    for (int i = 0; i < v.size(); i++) {
      assertTrue(names.containsKey(v.indices()[i]));
    }
  }

  @Test
  void describeOnlyNamesTheWantedIndices() {
    Comment comment = Comment.of("Cheap pills here");
    int cheap = indexOfWord(comment, "cheap");

    Map<Integer, Featurizer.Feature> names = featurizer.describe(comment, index -> index == cheap);

    assertEquals(Map.of(cheap, new Featurizer.Feature(FeatureKind.WORD, "cheap")), names);
  }

  @Test
  void longRepetitiveCommentsDoNotOverflowThePatterns() {
    // Given 10,000-character comments that once made the link and phone patterns recurse deeply
    List<String> hostile =
        List.of(
            "a.".repeat(5_000),
            "1 ".repeat(5_000),
            "http://" + "a.".repeat(4_990),
            "v1@".repeat(3_333),
            "@" + "a".repeat(9_998) + "@");

    for (String text : hostile) {
      // When featurized, Then a vector comes back instead of a StackOverflowError
      FeatureVector v = featurizer.featurize(Comment.of(text));
      assertTrue(v.size() > 0, text.substring(0, 10));
    }
  }

  private Collection<String> signalsOf(String text) {
    return featurizer.featurize(Comment.of(text)).signals();
  }

  private int indexOfWord(Comment comment, String word) {
    return featurizer.describe(comment, index -> true).entrySet().stream()
        .filter(e -> e.getValue().equals(new Featurizer.Feature(FeatureKind.WORD, word)))
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  private int countOfWord(FeatureVector v, String word) {
    return countAt(v, indexOfWord(Comment.of("the the the cat sat on the mat"), word));
  }

  private static int countAt(FeatureVector v, int index) {
    for (int i = 0; i < v.size(); i++) {
      if (v.indices()[i] == index) {
        return v.counts()[i];
      }
    }
    return 0;
  }

  /** Index, count and kind of every entry, in index order. */
  private static long[] sorted(FeatureVector v) {
    long[] entries = new long[v.size()];
    for (int i = 0; i < v.size(); i++) {
      entries[i] = ((long) v.indices()[i] << 32) | ((long) v.counts()[i] << 8) | v.kinds()[i];
    }
    Arrays.sort(entries);
    return entries;
  }
}
