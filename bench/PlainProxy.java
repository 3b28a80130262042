import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * The floor of a JVM gateway on Reactor Netty, for bench/gateway-filters.sh's {@code plain-netty} variant:
 * every request passed to one fixed service with its headers and body, and the answer passed back.
 * No routing table, security, limits, circuit breaker, retries, observation or header rules: what Spring
 * Cloud Gateway costs above this is the framework and the filters (docs/benchmarks.md, "Gateway overhead").
 * Run as a single source file on the gateway's own Reactor Netty:
 * {@code java -cp <the gateway's netty and reactor jars> bench/PlainProxy.java <port> <service URL>}.
 */
public class PlainProxy {

    public static void main(String[] args) {
        HttpClient service = HttpClient.create().baseUrl(args[1]);
        DisposableServer server = HttpServer.create().port(Integer.parseInt(args[0]))
                .handle((request, response) -> service
                        .headers(headers -> headers.add(request.requestHeaders()).remove("Host"))
                        .request(request.method()).uri(request.uri())
                        .send(request.receive().retain())
                        .response((answer, body) -> response.status(answer.status())
                                .headers(answer.responseHeaders())
                                .send(body.retain()))
                        .then())
                .bindNow();
        server.onDispose().block();
    }
}
