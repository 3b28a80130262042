package cn.unionhub.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP request written byte for byte on a plain socket: for requests Java's HTTP client will not
 * send (a control character in a header) or would add headers to (a request with nothing but Host).
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The status code answered to {@code request} (the whole request text, CRLFs included) on a local port. */
    public static int status(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
