package com.commentshield.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledTsvTest {

  private static List<LabeledText> read(String tsv) throws IOException {
    return read(tsv.getBytes(StandardCharsets.UTF_8));
  }

  private static List<LabeledText> read(byte[] bytes) throws IOException {
    return LabeledTsv.read(new ByteArrayInputStream(bytes), "upload");
  }

  @Test
  void rowsAreReadWithTheirLabelsAndTheDefaultSource() throws IOException {
    List<LabeledText> rows = read("label\ttext\nspam\tbuy pills\nHAM\tnice post \"quoted\"\n");

    assertEquals(
        List.of(
            LabeledText.of(true, "buy pills", "upload"),
            LabeledText.of(false, "nice post \"quoted\"", "upload")),
        rows);
  }

  @Test
  void columnsAreFoundByNameAndExtraColumnsIgnored() throws IOException {
    // Given columns in another order, a source column and one the reader does not know
    List<LabeledText> rows =
        read("\uFEFFid\tText\tvideo\tLabel\tsource\n7\thello there\tPsy\tham\tmoderator\n");

    assertEquals(List.of(LabeledText.of(false, "hello there", "moderator")), rows);
  }

  @Test
  void blankLinesAreSkipped() throws IOException {
    assertEquals(2, read("label\ttext\nspam\ta\n\n   \nham\tb\n").size());
  }

  @Test
  void aHeaderRowIsRequired() {
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> read("spam\tbuy pills\n"));
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> read(""));

    assertTrue(missing.getMessage().startsWith("line 1:"), missing.getMessage());
    assertTrue(missing.getMessage().contains("'label' and 'text'"), missing.getMessage());
    assertTrue(empty.getMessage().startsWith("line 1:"), empty.getMessage());
  }

  @Test
  void aBadLabelNamesItsLine() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> read("label\ttext\nspam\tok\nham\tfine\nmaybe\twho knows\n"));

    assertTrue(e.getMessage().startsWith("line 4:"), e.getMessage());
    assertTrue(e.getMessage().contains("'maybe'"), e.getMessage());
  }

  @Test
  void aRowWithTooFewColumnsOrNoTextNamesItsLine() {
    IllegalArgumentException shortRow =
        assertThrows(IllegalArgumentException.class, () -> read("label\ttext\nspam\n"));
    IllegalArgumentException noText =
        assertThrows(IllegalArgumentException.class, () -> read("label\ttext\nham\ta\nham\t  \n"));

    assertTrue(shortRow.getMessage().startsWith("line 2:"), shortRow.getMessage());
    assertTrue(noText.getMessage().startsWith("line 3:"), noText.getMessage());
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] bytes = "label\ttext\nspam\tcaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(bytes));

    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
  }
}
