package dev.sextant.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection, sending exactly the bytes asked for:
 * any method, any request target (unnormalised {@code ..}, malformed percent-escapes), any
 * Content-Type. Used where {@link java.net.http.HttpClient} would refuse or clean up a request.
 */
final class RawHttpClient {
    private static final int MAX_RESPONSE = 16 * 1024 * 1024;

    private final int port;

    RawHttpClient(int port) {
        this.port = port;
    }

    /** A parsed response; header names are lower-case. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Reply send(String method, String target, String contentType, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Connection: close\r\n");
            if (!contentType.isEmpty()) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (body.length > 0 || !method.equals("GET") && !method.equals("HEAD")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                out.write(body);
                out.flush();
            } catch (IOException earlyClose) {
                // the server may answer (e.g. 413) and close before reading the whole body
            }
            return read(new BufferedInputStream(socket.getInputStream()), method.equals("HEAD"));
        }
    }

    /** Reads one response: status line, headers, then a body framed by Content-Length, chunks or EOF. */
    private static Reply read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: '" + statusLine + "'");
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
        }
        byte[] body;
        if (head || status == 204 || status == 304 || status < 200) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = chunked(in);
        } else if (headers.containsKey("content-length")) {
            body = exactly(in, Long.parseLong(headers.get("content-length")));
        } else {
            body = in.readNBytes(MAX_RESPONSE);
        }
        return new Reply(status, headers, body);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
            out.write(exactly(in, size));
            line(in);
        }
        for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
            // trailers are not used
        }
        return out.toByteArray();
    }

    private static long chunkSize(String line) {
        return Long.parseLong(line.split(";")[0].trim(), 16);
    }

    private static byte[] exactly(InputStream in, long length) throws IOException {
        if (length > MAX_RESPONSE) {
            throw new IOException("response body of " + length + " bytes is larger than this client reads");
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new IOException("connection closed after " + bytes.length + " of " + length + " body bytes");
        }
        return bytes;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of a response line: '" + line + "'");
            }
            if (line.size() > 64 * 1024) {
                throw new IOException("response line too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
