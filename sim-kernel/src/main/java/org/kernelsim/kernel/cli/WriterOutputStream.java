package org.kernelsim.kernel.cli;

import static java.util.Objects.requireNonNull;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to a {@link PrintWriter}, decoded as UTF-8: the machine-level tools (disassembler, ELF
 * runner) print to streams, the CLI writes to writers so tests can capture everything.
 */
final class WriterOutputStream extends OutputStream {

    private final PrintWriter writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer in = ByteBuffer.allocate(4096);
    private final CharBuffer outChars = CharBuffer.allocate(4096);

    WriterOutputStream(PrintWriter writer) {
        this.writer = requireNonNull(writer, "writer");
    }

    @Override
    public void write(int b) {
        if (!in.hasRemaining()) {
            drain(false);
        }
        in.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }

    @Override
    public void flush() {
        drain(false);
        writer.flush();
    }

    @Override
    public void close() {
        drain(true);
        writer.flush();
    }

    private void drain(boolean endOfInput) {
        in.flip();
        while (true) {
            var result = decoder.decode(in, outChars, endOfInput);
            outChars.flip();
            writer.append(outChars);
            outChars.clear();
            if (!result.isOverflow()) {
                break;
            }
        }
        in.compact();
    }
}
