package dev.bankml.jobs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local HTTP endpoint that answers the real AWS SDK CloudWatch client the way CloudWatch does
 * (Smithy RPC v2 CBOR protocol) and keeps every PutMetricData request it received, decoded, so a
 * test can assert the exact metric names, values, units and dimensions sent.
 *
 * <p>As a JUnit extension ({@code @RegisterExtension static final FakeCloudWatch cloudWatch =
 * FakeCloudWatch.start();}) it forgets its requests before each test and stops after the class.
 */
public final class FakeCloudWatch implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();

    /**
     * One request: its operation (last path segment), decoded body, and the region it was signed for
     * (the credential scope of its SigV4 {@code Authorization} header: the region the client targets).
     */
    public record Request(String path, String operation, JsonNode body, String signingRegion) {
    }

    private FakeCloudWatch(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the endpoint, and gives the in-process AWS SDK the credentials and region it would find
     * on AWS (as system properties of this JVM): without them the client refuses to sign a request.
     */
    public static FakeCloudWatch start() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        System.setProperty("aws.region", "eu-west-1");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeCloudWatch fake = new FakeCloudWatch(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake CloudWatch endpoint", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Every metric datum received, as decoded JSON objects. */
    public synchronized List<JsonNode> data() {
        List<JsonNode> out = new ArrayList<>();
        for (Request r : requests) {
            r.body().path("MetricData").forEach(out::add);
        }
        return out;
    }

    public synchronized void clear() {
        requests.clear();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readAllBytes();
        }
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            raw = new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes();
        }
        String path = ex.getRequestURI().getPath();
        JsonNode body = raw.length == 0 ? CBOR.createObjectNode() : CBOR.readTree(raw);
        synchronized (this) {
            requests.add(new Request(path, path.substring(path.lastIndexOf('/') + 1), body,
                    signingRegion(ex.getRequestHeaders().getFirst("Authorization"))));
        }
        byte[] empty = {(byte) 0xA0}; // CBOR: empty map
        ex.getResponseHeaders().add("Content-Type", "application/cbor");
        ex.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
        ex.sendResponseHeaders(200, empty.length);
        ex.getResponseBody().write(empty);
        ex.close();
    }

    /** {@code AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, ...} → region. */
    static String signingRegion(String authorization) {
        if (authorization == null) {
            return "";
        }
        Matcher m = Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/").matcher(authorization);
        return m.find() ? m.group(1) : "";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
