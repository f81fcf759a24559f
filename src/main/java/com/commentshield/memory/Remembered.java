package com.commentshield.memory;

import com.commentshield.examples.ExampleLabeled;
import com.commentshield.text.TextFingerprint;
import java.util.List;

/**
 * What an instance keeps of one labeled example: its fingerprint for verdict memory, the reputation
 * keys it counted towards and the author it vouched for, so that forgetting or replacing it takes
 * back exactly what it added.
 *
 * @param example the labeled example
 * @param fingerprint its text's fingerprint
 * @param reputationKeys the keys its verdict counted towards
 * @param author its author's trust key, or null
 */
record Remembered(
    ExampleLabeled.Example example,
    TextFingerprint fingerprint,
    List<String> reputationKeys,
    String author) {

  long id() {
    return example.exampleId();
  }

  boolean spam() {
    return example.spam();
  }
}
