package com.commentshield.text;

/** The family a hashed feature belongs to; learners may weight or normalise families apart. */
public enum FeatureKind {
  /** A word or a pair of adjacent words. */
  WORD,
  /** A character n-gram. */
  CHARS,
  /** A structural signal: links, domains, shouting, obfuscation, author fields. */
  SIGNAL;

  static final FeatureKind[] VALUES = values();
}
