package com.commentshield.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.commentshield.comment.Author;
import com.commentshield.comment.Comment;
import com.commentshield.comment.CommentContext;
import com.commentshield.common.ClientProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListValuesTest {

  @Test
  void valuesAreCanonical() {
    assertEquals("spam.example.com", ListValues.canonical("domain", " Spam.Example.COM "));
    assertEquals("203.0.113.0/24", ListValues.canonical("ip", "203.0.113.77/24"));
    assertEquals("203.0.113.7/32", ListValues.canonical("ip", "203.0.113.7"));
    assertEquals("2001:db8::/32", ListValues.canonical("ip", "2001:db8:ffff::1/32"));
    assertEquals("joe@x.example", ListValues.canonical("email", "Joe@X.example"));
  }

  @Test
  void badValuesNameTheField() {
    for (String[] bad :
        new String[][] {
          {"domain", "not a domain"},
          {"domain", "localhost"},
          {"ip", "300.1.1.1"},
          {"ip", "10.0.0.0/33"},
          {"ip", "example.com"},
          {"email", "nobody"},
          {"author", " "}
        }) {
      ClientProblem p =
          assertThrows(ClientProblem.class, () -> ListValues.canonical(bad[0], bad[1]));
      assertEquals(400, p.status());
      assertTrue(p.getMessage().startsWith("value:"), p.getMessage());
    }
    assertTrue(
        assertThrows(ClientProblem.class, () -> ListValues.list("maybe"))
            .getMessage()
            .startsWith("list:"));
    assertTrue(
        assertThrows(ClientProblem.class, () -> ListValues.kind("url"))
            .getMessage()
            .startsWith("kind:"));
  }

  @Test
  void domainsMatchSubdomainsIpsMatchRangesAndDenyWins() {
    ListSnapshot lists =
        new ListSnapshot(
            List.of(
                entry(1, "allow", "email", "ann@blog.example"),
                entry(2, "deny", "domain", "spam.example"),
                entry(3, "deny", "ip", "198.51.100.0/24"),
                entry(4, "allow", "author", "bob")));
    assertEquals(
        2, match(lists, comment("see http://x.spam.example/a", "ann@blog.example", null, null)));
    assertEquals(1, match(lists, comment("hello", "ann@blog.example", null, null)));
    assertEquals(3, match(lists, comment("hello", null, "198.51.100.9", null)));
    assertEquals(4, match(lists, comment("hello", null, null, " Bob ")));
    assertEquals(
        -1, match(lists, comment("see http://notspam.example", null, "198.51.101.9", "al")));
  }

  private static long match(ListSnapshot lists, Comment c) {
    return lists.match(c).map(ListSnapshot.Entry::id).orElse(-1L);
  }

  private static Comment comment(String text, String email, String ip, String name) {
    return new Comment(
        text, Author.ofNullable(name, email, null), new CommentContext(null, null, ip, null, null));
  }

  private static ListSnapshot.Entry entry(long id, String list, String kind, String value) {
    ListEntry e = new ListEntry();
    e.id = id;
    e.list = list;
    e.kind = kind;
    e.value = "ip".equals(kind) ? ListValues.canonical(kind, value) : value;
    return ListSnapshot.entryOf(e);
  }
}
