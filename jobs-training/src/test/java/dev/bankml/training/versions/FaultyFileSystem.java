package dev.bankml.training.versions;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A local folder under the {@code faulty:} scheme, written the way an object store writes (each file whole,
 * no rename), that crashes at the n-th file it is asked to write: the writes before it are done, that one
 * and every later one never happen, as when a process dies. For crash tests that need no child JVM.
 */
public class FaultyFileSystem extends RawLocalFileSystem {
    public static final String SCHEME = "faulty";
    private static final AtomicInteger WRITES = new AtomicInteger();
    private static volatile int crashAt;

    /** A configuration whose {@code faulty:} paths are this file system (never cached: the crash point is global). */
    public static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set("fs." + SCHEME + ".impl", FaultyFileSystem.class.getName());
        conf.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
        return conf;
    }

    /** Crash at the {@code n}-th write from now on (0: never). */
    public static void crashAt(int n) {
        WRITES.set(0);
        crashAt = n;
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
        beforeWrite(f);
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                     Progressable progress) throws IOException {
        beforeWrite(f);
        return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
    }

    private static void beforeWrite(Path f) throws IOException {
        int n = WRITES.incrementAndGet();
        if (crashAt > 0 && n >= crashAt) {
            throw new IOException("the process died before write " + n + " (" + f + ")");
        }
    }
}
