package dev.bankml.jobs.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;

import dev.bankml.jobs.S3Endpoint;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 API server (s3proxy, in memory) running inside the test JVM on a free loopback port,
 * with an S3 client to create buckets and look at what the jobs wrote.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    private final S3ProxyJunitCore proxy;
    private final S3Client client;

    private S3TestServer(S3ProxyJunitCore proxy) {
        this.proxy = proxy;
        this.client = S3Client.builder()
                .endpointOverride(proxy.getUri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static S3TestServer start() {
        S3ProxyJunitCore proxy = new S3ProxyJunitCore.Builder()
                .withCredentials(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .withBlobStoreProvider("transient")
                .ignoreUnknownHeaders()
                .build();
        try {
            proxy.beforeEach();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process S3 server: " + e.getMessage(), e);
        }
        return new S3TestServer(proxy);
    }

    public URI endpoint() {
        return proxy.getUri();
    }

    /** Points a Hadoop configuration's S3A at this server. */
    public void configure(Configuration hadoop) {
        S3Endpoint.apply(hadoop, endpoint().toString(), ACCESS_KEY, SECRET_KEY);
    }

    /** The arguments a job needs to use this server. */
    public List<String> jobArgs() {
        return List.of("--s3_endpoint", endpoint().toString(), "--s3_access_key", ACCESS_KEY,
                "--s3_secret_key", SECRET_KEY);
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public void upload(String bucket, String key, Path file) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
    }

    public List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    public String read(String bucket, String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    @Override
    public void close() {
        client.close();
        proxy.afterEach();
    }
}
