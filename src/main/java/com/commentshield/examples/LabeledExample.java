package com.commentshield.examples;

import com.commentshield.comment.Author;
import com.commentshield.comment.Comment;
import com.commentshield.comment.CommentContext;
import com.commentshield.model.LabeledText;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A labeled example learned after start: a moderator's verdict, a client's feedback or an imported
 * row. The next retraining reads these together with {@code training-data/}.
 */
@Entity
@Table(name = "labeled_example")
public class LabeledExample extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** {@code spam} or {@code ham}. */
  @Column(nullable = false, length = 10)
  public String label;

  @Column(nullable = false, length = 10_000)
  public String content;

  @Column(name = "author_name", length = 200)
  public String authorName;

  @Column(name = "author_email", length = 320)
  public String authorEmail;

  @Column(name = "author_url", length = 2000)
  public String authorUrl;

  /** The site the comment was posted to, if the client said. */
  @Column(length = 200)
  public String site;

  /** The poster's IP address, if known (erased with the queued item's personal data). */
  @Column(length = 64)
  public String ip;

  /** An {@link ExampleSource} id. */
  @Column(nullable = false, length = 50)
  public String source;

  /** The queued item this example came from; one example per item, its latest verdict. */
  @Column(name = "item_id", unique = true)
  public Long itemId;

  @Column(name = "created_by", length = 100)
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  public static Optional<LabeledExample> forItem(long itemId) {
    return find("itemId", itemId).firstResultOptional();
  }

  Comment comment() {
    CommentContext context =
        site == null && ip == null ? null : new CommentContext(site, null, ip, null, null);
    return new Comment(content, Author.ofNullable(authorName, authorEmail, authorUrl), context);
  }

  LabeledText toLabeledText() {
    return new LabeledText("spam".equals(label), comment(), source);
  }
}
