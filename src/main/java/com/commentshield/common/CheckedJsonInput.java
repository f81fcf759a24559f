package com.commentshield.common;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Arrays;
import java.util.Locale;

/**
 * Every JSON body the service reads streams through this check before the parser sees it. It
 * refuses, with the line and column, what no request needs and what a parser would describe only in
 * its own words: bytes that are not UTF-8, nesting deeper than {@link
 * StrictJsonCustomizer#MAX_NESTING_DEPTH} and numbers longer than {@link
 * StrictJsonCustomizer#MAX_NUMBER_LENGTH}. It also keeps the bytes it passed on, so that when the
 * parser refuses a body, {@link JsonProblems} can show what the parser stopped at (from the
 * location it reports) instead of relying on the wording of the parser's messages.
 *
 * <p>The parser closes its input before its exception reaches the error mapping, so the bytes of
 * the body read last on a thread are found through that thread ({@link #lastRead}): the mapping
 * runs on the thread that read the body.
 */
public final class CheckedJsonInput extends InputDecorator {

  /** The most bytes kept for describing an error; bodies are read in chunks of a few KB. */
  static final int MAX_KEPT = 16 * 1024;

  private static final ThreadLocal<Checked> LAST = new ThreadLocal<>();

  @Override
  public InputStream decorate(IOContext context, InputStream in) {
    Checked checked = new Checked(in);
    LAST.set(checked);
    return checked;
  }

  @Override
  public InputStream decorate(IOContext context, byte[] src, int offset, int length) {
    return decorate(context, new ByteArrayInputStream(src, offset, length));
  }

  @Override
  public Reader decorate(IOContext context, Reader r) {
    return r;
  }

  /** A body refused while it was read, with where. */
  public static final class Refused extends IOException {
    final int line;
    final int column;
    final boolean encoding;

    Refused(int line, int column, boolean encoding, String what) {
      super(what);
      this.line = line;
      this.column = column;
      this.encoding = encoding;
    }
  }

  /**
   * The bytes of the body this thread read last, from {@code from} (a byte offset) for up to {@code
   * length} bytes; empty when they are not known.
   */
  static byte[] lastRead(long from, int length) {
    Checked checked = LAST.get();
    return checked == null ? new byte[0] : checked.kept(from, length);
  }

  private static final class Checked extends FilterInputStream {
    private byte[] kept = new byte[512];
    private int size;
    private int line = 1;
    private int column = 1;
    // UTF-8: continuation bytes still expected, and the range the next one must fall in
    private int pending;
    private int low = 0x80;
    private int high = 0xBF;
    // JSON outside strings: the depth of arrays and objects, and the length of a number
    private boolean inString;
    private boolean escaped;
    private int depth;
    private int numberLength;

    Checked(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        keep(new byte[] {(byte) b}, 0, 1);
        check((byte) b);
      } else {
        atEnd();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n < 0) {
        atEnd();
        return n;
      }
      keep(buffer, offset, n);
      for (int i = 0; i < n; i++) {
        check(buffer[offset + i]);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // the parser never skips; a skip would let bytes past unchecked
      long skipped = 0;
      while (skipped < n && read() >= 0) {
        skipped++;
      }
      return skipped;
    }

    private void keep(byte[] buffer, int offset, int n) {
      int room = MAX_KEPT - size;
      int copied = Math.min(room, n);
      if (copied <= 0) {
        return;
      }
      if (size + copied > kept.length) {
        kept = Arrays.copyOf(kept, Math.min(MAX_KEPT, Math.max(kept.length * 2, size + copied)));
      }
      System.arraycopy(buffer, offset, kept, size, copied);
      size += copied;
    }

    byte[] kept(long from, int length) {
      if (from < 0 || from >= size) {
        return new byte[0];
      }
      return Arrays.copyOfRange(kept, (int) from, (int) Math.min(size, from + length));
    }

    private void check(byte value) throws Refused {
      int b = value & 0xFF;
      if (pending > 0) {
        if (b < low || b > high) {
          throw new Refused(line, column, true, hex(b) + " cannot continue a UTF-8 character");
        }
        low = 0x80;
        high = 0xBF;
        if (--pending == 0) {
          column++;
        }
        return;
      }
      if (b >= 0x80) {
        startMultiByte(b);
        return;
      }
      json(b);
      if (b == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }

    private void startMultiByte(int b) throws Refused {
      if (b >= 0xC2 && b <= 0xDF) {
        pending = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        pending = 2;
        low = b == 0xE0 ? 0xA0 : 0x80; // no overlong three-byte forms
        high = b == 0xED ? 0x9F : 0xBF; // no surrogates
      } else if (b >= 0xF0 && b <= 0xF4) {
        pending = 3;
        low = b == 0xF0 ? 0x90 : 0x80; // no overlong four-byte forms
        high = b == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
      } else {
        throw new Refused(line, column, true, hex(b) + " cannot start a UTF-8 character");
      }
      numberLength = 0;
    }

    /** Tracks an ASCII byte's place in the JSON text: strings, nesting, numbers. */
    private void json(int b) throws Refused {
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
        return;
      }
      if ((b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E') {
        if (++numberLength > StrictJsonCustomizer.MAX_NUMBER_LENGTH) {
          throw new Refused(
              line,
              column,
              false,
              "a number is longer than the limit of "
                  + StrictJsonCustomizer.MAX_NUMBER_LENGTH
                  + " characters");
        }
        return;
      }
      numberLength = 0;
      if (b == '"') {
        inString = true;
      } else if (b == '[' || b == '{') {
        if (++depth > StrictJsonCustomizer.MAX_NESTING_DEPTH) {
          throw new Refused(
              line,
              column,
              false,
              "nested more deeply than the limit of "
                  + StrictJsonCustomizer.MAX_NESTING_DEPTH
                  + " levels");
        }
      } else if (b == ']' || b == '}') {
        depth--;
      }
    }

    private void atEnd() throws Refused {
      if (pending > 0) {
        throw new Refused(line, column, true, "the body ends inside a UTF-8 character");
      }
    }

    private static String hex(int b) {
      return String.format(Locale.ROOT, "byte 0x%02x", b);
    }
  }
}
