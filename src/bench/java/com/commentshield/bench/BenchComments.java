package com.commentshield.bench;

import com.commentshield.comment.Comment;
import com.commentshield.model.LabeledText;
import com.commentshield.text.FeatureSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Comments for the benchmarks, written here or generated from templates: nothing is read from the
 * public data sets, and nothing here is training data of the service.
 */
public final class BenchComments {

  private BenchComments() {}

  /** About 300 characters each, the size the throughput target is stated for; some of them spam. */
  static final List<String> WRITTEN =
      List.of(
          "I have been following this series since the first part and this one finally answered the"
              + " question I kept asking myself: why the council did not simply reuse the old depot."
              + " The cost table halfway down makes it obvious. Would love a follow-up on what the"
              + " neighbouring towns did with theirs.",
          "Small correction: the bridge closed in March, not in April. I drive over it every day and"
              + " the detour signs went up the week after the spring holidays. Otherwise a great"
              + " summary, and thanks for linking the actual planning documents instead of just"
              + " quoting the press release like everybody else.",
          "Tried the recipe last night with half the sugar and a pinch of cardamom. The kids asked"
              + " for seconds, which never happens with anything that contains lentils. One question:"
              + " can the dough be frozen before the second rise, or does that ruin the texture?"
              + " Our oven runs hot so I shortened the bake by 5 min.",
          "I disagree with the conclusion. The survey only asked people who already use the app, so"
              + " of course satisfaction looks high. A fair comparison would include the people who"
              + " uninstalled it in the first week. The numbers in the second chart also do not add"
              + " up to 100%, which makes me wonder what else was left out.",
          "The fix in step 4 worked for me on Debian 12, but I had to restart the network manager"
              + " as well, otherwise the interface stayed down. For anyone else stuck: sudo systemctl"
              + " restart NetworkManager, then run the ip link command again. The official docs at"
              + " https://wiki.debian.org/NetworkManager explain why.",
          "Merci pour cet article très clair. J'habite à Lyon et nous avons exactement le même"
              + " problème avec les pistes cyclables qui s'arrêtent au milieu de nulle part. Est-ce"
              + " que vous savez si la mairie a publié un calendrier pour les travaux de la rive"
              + " gauche ? Je n'ai rien trouvé sur leur site.",
          "lol this is the third time this month my train was cancelled and the app still says on"
              + " time. honestly the worst part is not the delay, it is nobody telling you anything."
              + " the staff at the station were nice though, they let us wait in the office when it"
              + " started raining. anyway good piece, shared it with my brother.",
          "As a nurse on night shifts I can confirm everything in the third paragraph. We were"
              + " promised extra staff for winter two years in a row. What the article does not"
              + " mention is that agency staff cost the hospital almost twice as much, so the"
              + " savings from the hiring freeze are probably negative by now.",
          "Buy cheap Viagra, Cialis and Levitra online without prescription!!! Best prices"
              + " guaranteed, discreet packaging and overnight delivery worldwide. Visit our"
              + " certified Canadian pharmacy now at http://cheap-rx-meds.example.ru and get 10 free"
              + " pills with every order. Limited offer, order today and save up to 80%.",
          "Hey guys!!! Check out my new channel, I upload funny videos and gaming every day, please"
              + " SUBSCRIBE and like, it would mean the world to me. Only 37 more subscribers to"
              + " reach 1000!!! Link here: http://youtube.example.com/c/superfunnyvids Thank you so"
              + " much, I will sub back to everyone who comments.",
          "I made $8,750 last month working from home just 2 hours a day with this simple bitcoin"
              + " trading system. No experience needed! My mentor Mrs Anna showed me how to invest"
              + " safely. Contact her on WhatsApp +1 (555) 123-4567 or email anna.trades@mail.example"
              + " and start earning today, you will thank me later.",
          "Great article, very informative. We are a leading provider of SEO services and web design"
              + " in London, helping small businesses rank on the first page of Google. Visit"
              + " https://www.best-seo-agency.example.co.uk/services/link-building for a free audit"
              + " of your website. Thanks for sharing such valuable content with us.",
          "Printer offline? Norton antivirus not working? Call our 24/7 toll free support number"
              + " 1-800-555-0199 for instant help from certified technicians. We fix QuickBooks"
              + " errors, Outlook problems and all printer issues remotely in minutes. Visit"
              + " http://help-desk-support.example.net now, satisfaction guaranteed.",
          "Interesting point about the tram extension, but I think the bigger issue is parking."
              + " When they removed 200 spaces on the main street, the shops lost a lot of customers"
              + " from the villages around. Maybe the next article could talk to some of the shop"
              + " owners? I would be happy to put you in touch with a few of them.",
          "c h e a p  v 1 a g r a  and c1al1s here, n0 prescr1pt10n needed, fast sh1pping to y0ur"
              + " d00r!!! Vvvvisit w w w . p1lls-0nline . example . top and use c0de SAVE50 for an"
              + " extra discount today only. B E S T   P R I C E S   O N L I N E, trusted by"
              + " 100000 happy customers.",
          "Thanks for the detailed walkthrough. One thing that confused me: in the second code sample"
              + " the loop starts at 1, but the text says the first element is skipped on purpose."
              + " Is that a typo, or does the API really return a header row first? I checked the"
              + " changelog and could not find anything about it.");

  /**
   * Dataset-free synthetic comments: random words of random letters, a few digits, now and then a
   * link, about 300 characters each. Deterministic for a seed.
   */
  static List<String> synthetic(int count, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    for (int c = 0; c < count; c++) {
      StringBuilder sb = new StringBuilder(320);
      while (sb.length() < 300) {
        int kind = random.nextInt(40);
        if (kind == 0) {
          sb.append("http://").append(word(random, 6)).append(".example/").append(word(random, 4));
        } else if (kind == 1) {
          sb.append(random.nextInt(100_000));
        } else {
          String w = word(random, 1 + random.nextInt(9));
          sb.append(random.nextInt(12) == 0 ? w.toUpperCase(java.util.Locale.ROOT) : w);
        }
        sb.append(random.nextInt(10) == 0 ? ". " : " ");
      }
      out.add(sb.toString().trim());
    }
    return out;
  }

  private static String word(Random random, int length) {
    StringBuilder w = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      w.append((char) ('a' + random.nextInt(26)));
    }
    return w.toString();
  }

  /**
   * The service's feature settings with the hashed space's bits and the longest character n-gram
   * replaced unless given as {@code default}: JMH parameters of the layout experiment.
   */
  public static FeatureSettings features(String bits, String charMax) {
    FeatureSettings d = FeatureSettings.DEFAULT;
    return new FeatureSettings(
        bits.equals("default") ? d.bits() : Integer.parseInt(bits),
        d.charMin(),
        charMax.equals("default") ? d.charMax() : Integer.parseInt(charMax),
        d.wordBigrams());
  }

  public static Comment[] comments(String set) {
    List<String> texts =
        switch (set) {
          case "written" -> WRITTEN;
          case "synthetic" -> synthetic(8, 42L);
          default -> throw new IllegalArgumentException("unknown comment set " + set);
        };
    return texts.stream().map(Comment::of).toArray(Comment[]::new);
  }

  // -------------------------------------------------------------------------------------------
  // A labeled corpus for training throughput, from templates.

  private static final String[] TOPICS = {
    "the new library",
    "the bus timetable",
    "this recipe",
    "the election results",
    "the tram line",
    "the school budget",
    "this tutorial",
    "the match last night",
    "the housing plan",
    "the heat wave",
    "the software update",
    "the festival",
    "the hospital report",
    "the bridge",
    "the new album",
    "the museum",
    "the bike lanes",
    "the water bill",
    "the museum shop",
    "the river clean-up",
    "the night trains",
    "the city park",
    "the exam results",
    "the strike"
  };
  private static final String[] OPINIONS = {
    "I completely agree with",
    "I am not convinced by",
    "Thanks for explaining",
    "Nobody talks about",
    "My family was affected by",
    "I have a question about",
    "Great reporting on",
    "I think you got something wrong about",
    "We discussed at work",
    "My neighbour wrote about"
  };
  private static final String[] DETAILS = {
    "the numbers in the second chart look off", "my grandmother remembers the old version",
    "the council should publish the full report", "it took me two hours to get home yesterday",
    "the comments here are more useful than the press release", "I tried it and it worked",
    "we had the same problem in our town last year", "the photos are lovely",
    "could you link the original study", "prices went up again this month",
    "the interview with the engineer was the best part", "my kids loved it",
    "this will hurt people on night shifts the most", "the old system was not perfect either"
  };
  private static final String[] SPAM_HOOKS = {
    "Buy cheap %s online",
    "Best prices on %s, no prescription",
    "Earn $%d a week from home",
    "Check out my channel about %s",
    "Call %s support now",
    "Win a free %s today",
    "Hot singles near you want %s",
    "Invest in %s and double your money",
    "Your account is suspended, verify %s",
    "SEO services for %s, rank first on Google"
  };
  private static final String[] SPAM_ITEMS = {
    "viagra",
    "cialis",
    "tramadol",
    "bitcoin",
    "iPhone",
    "Norton antivirus",
    "QuickBooks",
    "gaming videos",
    "crypto signals",
    "gift cards",
    "followers",
    "essay writing",
    "loans"
  };
  private static final String[] TLDS = {"ru", "xyz", "top", "info", "biz", "com", "net", "club"};

  /** {@code n} labeled comments, about 45% spam, 60 to 400 characters, deterministic. */
  public static List<LabeledText> corpus(int n, long seed) {
    Random r = new Random(seed);
    List<LabeledText> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean spam = r.nextInt(100) < 45;
      StringBuilder sb = new StringBuilder(400);
      int target = 60 + r.nextInt(340);
      if (spam) {
        while (sb.length() < target) {
          String hook = pick(r, SPAM_HOOKS);
          sb.append(
                  hook.contains("%d")
                      ? String.format(hook, 500 + r.nextInt(9500))
                      : String.format(hook, pick(r, SPAM_ITEMS)))
              .append(r.nextBoolean() ? "!!! " : ". ");
          if (r.nextInt(3) == 0) {
            sb.append("http://")
                .append(pick(r, SPAM_ITEMS).replace(' ', '-').toLowerCase())
                .append(r.nextInt(1000))
                .append('.')
                .append(pick(r, TLDS))
                .append(' ');
          }
          if (r.nextInt(5) == 0) {
            sb.append("WhatsApp +1 555 ").append(1000 + r.nextInt(9000)).append(' ');
          }
        }
      } else {
        while (sb.length() < target) {
          sb.append(pick(r, OPINIONS))
              .append(' ')
              .append(pick(r, TOPICS))
              .append(", ")
              .append(pick(r, DETAILS))
              .append(r.nextInt(4) == 0 ? "? " : ". ");
          if (r.nextInt(8) == 0) {
            sb.append("Day ").append(1 + r.nextInt(30)).append(" of waiting. ");
          }
        }
      }
      out.add(LabeledText.of(spam, sb.toString().trim(), "bench:synthetic"));
    }
    return out;
  }

  private static String pick(Random r, String[] options) {
    return options[r.nextInt(options.length)];
  }
}
