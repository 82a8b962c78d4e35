package dev.tokensieve.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The daemon's wire format: frames of a type byte, a length and that many bytes, both ways.
 *
 * <p>A client sends one request frame ({@link #RUN}, {@link #STATUS} or {@link #STOP}) and then
 * only reads; closing its end cancels the run. The daemon answers a run with {@link #OUT} and
 * {@link #ERR} frames (the bytes the run printed) and one {@link #EXIT}, or with {@link #DECLINED}
 * or {@link #BUSY} before anything else, when the client must run the analysis itself.
 *
 * <p>The channel is read and written directly rather than through {@code Channels.newInputStream}
 * and {@code newOutputStream}: on a blocking channel those hold one lock while reading, so the
 * daemon's thread watching for a client's hang-up would stop the run from writing.
 */
final class DaemonWire {
  static final byte RUN = 1;
  static final byte STATUS = 2;
  static final byte STOP = 3;

  static final byte OUT = 11;
  static final byte ERR = 12;
  static final byte EXIT = 13;
  static final byte DECLINED = 14;
  static final byte BUSY = 15;
  static final byte TEXT = 16;

  /** A request carries arguments, not traces: anything longer is not a client of ours. */
  static final int MAX_REQUEST = 1 << 20;

  /** Frames up to this size carry output; longer writes are split. */
  static final int MAX_FRAME = 1 << 16;

  /** The protocol's version, the first word of every request. */
  private static final int MAGIC = 0x54534431; // "TSD1"

  private DaemonWire() {}

  /** A request: its kind, whether the client's output is a terminal, and the command line. */
  record Request(byte kind, boolean terminal, List<String> args) {
    byte[] encode() {
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeByte(kind);
        out.writeBoolean(terminal);
        out.writeInt(args.size());
        for (String a : args) {
          byte[] b = a.getBytes(StandardCharsets.UTF_8);
          out.writeInt(b.length);
          out.write(b);
        }
        return bytes.toByteArray();
      } catch (IOException e) {
        throw new IllegalStateException("a byte array cannot fail", e);
      }
    }

    static Request decode(byte[] frame) throws IOException {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame));
      if (in.readInt() != MAGIC) {
        throw new IOException("not a tokensieve daemon request");
      }
      byte kind = in.readByte();
      boolean terminal = in.readBoolean();
      int n = in.readInt();
      if (n < 0 || n > frame.length) {
        throw new IOException("bad argument count " + n);
      }
      List<String> args = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int len = in.readInt();
        if (len < 0 || len > in.available()) {
          throw new IOException("bad argument length " + len);
        }
        args.add(new String(in.readNBytes(len), StandardCharsets.UTF_8));
      }
      return new Request(kind, terminal, args);
    }
  }

  /** A frame read: its type and payload. */
  record Frame(byte type, byte[] payload) {
    int code() {
      return ByteBuffer.wrap(payload).getInt();
    }

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** Writes a frame of {@code type} with {@code payload[off, off + len)}. */
  static void write(SocketChannel ch, byte type, byte[] payload, int off, int len)
      throws IOException {
    ByteBuffer head = ByteBuffer.allocate(5).put(type).putInt(len).flip();
    ByteBuffer body = ByteBuffer.wrap(payload, off, len);
    ByteBuffer[] both = {head, body};
    while (head.hasRemaining() || body.hasRemaining()) {
      ch.write(both);
    }
  }

  static void write(SocketChannel ch, byte type, byte[] payload) throws IOException {
    write(ch, type, payload, 0, payload.length);
  }

  static void writeCode(SocketChannel ch, int code) throws IOException {
    write(ch, EXIT, ByteBuffer.allocate(4).putInt(code).array());
  }

  static void writeText(SocketChannel ch, byte type, String text) throws IOException {
    write(ch, type, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The next frame, or null at a clean end of stream.
   *
   * @throws IOException if the stream ends inside a frame, or a frame is longer than {@code max}
   */
  static @Nullable Frame read(SocketChannel ch, int max) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(5);
    if (!fill(ch, head, true)) {
      return null;
    }
    head.flip();
    byte type = head.get();
    int len = head.getInt();
    if (len < 0 || len > max) {
      throw new IOException("frame of " + len + " bytes; at most " + max + " expected");
    }
    ByteBuffer body = ByteBuffer.allocate(len);
    fill(ch, body, false);
    return new Frame(type, body.array());
  }

  /** Fills {@code b}; false if the stream ended before its first byte and {@code endOk}. */
  private static boolean fill(SocketChannel ch, ByteBuffer b, boolean endOk) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        if (endOk && b.position() == 0) {
          return false;
        }
        throw new EOFException("the other end hung up inside a frame");
      }
    }
    return true;
  }

  /** An output stream that sends what is written to it as frames of {@code type}. */
  static final class FrameStream extends OutputStream {
    private final SocketChannel ch;
    private final byte type;
    private final Object lock;

    /** Frames of {@code type} on {@code ch}; writers of one channel share {@code lock}. */
    FrameStream(SocketChannel ch, byte type, Object lock) {
      this.ch = ch;
      this.type = type;
      this.lock = lock;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      synchronized (lock) {
        for (int at = off; at < off + len; at += MAX_FRAME) {
          DaemonWire.write(ch, type, b, at, Math.min(MAX_FRAME, off + len - at));
        }
      }
    }
  }
}
