package dev.bankml.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Paths and small-file I/O over any Hadoop file system: local folders, {@code s3a://} and, on AWS
 * Glue, {@code s3://}. Off Glue (no file system registered for {@code s3}), {@code s3://} paths are
 * mapped to S3A so the same arguments work everywhere.
 */
public final class Storage {
    private final Configuration conf;

    public Storage(Configuration conf) {
        this.conf = conf;
    }

    public Configuration conf() {
        return conf;
    }

    /**
     * The path a job should use for a user-given location: a relative or absolute local path becomes
     * an absolute {@code file:} URI; {@code s3://} becomes {@code s3a://} where no s3 file system exists.
     */
    public String resolve(String location) {
        String p = location.strip();
        if (p.startsWith("s3://") && !hasFileSystemFor("s3")) {
            return "s3a://" + p.substring("s3://".length());
        }
        if (!p.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            boolean dir = p.endsWith("/");
            String abs = new java.io.File(p).getAbsoluteFile().toURI().toString();
            return dir && !abs.endsWith("/") ? abs + "/" : abs;
        }
        return p;
    }

    private boolean hasFileSystemFor(String scheme) {
        try {
            FileSystem.getFileSystemClass(scheme, conf);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code base} joined with {@code child}, with exactly one slash between. */
    public static String join(String base, String child) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String c = child.startsWith("/") ? child.substring(1) : child;
        return b + "/" + c;
    }

    public FileSystem fileSystem(String path) {
        try {
            return new Path(path).getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + path + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String path) {
        try {
            return fileSystem(path).exists(new Path(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes a small text file (UTF-8), replacing any previous content. */
    public void writeString(String path, String content) {
        try (OutputStream out = fileSystem(path).create(new Path(path), true)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** The content of a small text file, or empty if it does not exist. */
    public Optional<String> readString(String path) {
        try {
            FileSystem fs = fileSystem(path);
            Path p = new Path(path);
            if (!fs.exists(p)) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(p)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first line of a text file (decompressed if its extension names a codec), or empty for an
     * empty file. Line breaks CR, LF and CRLF are all recognised, as Hadoop's line reader does.
     */
    public Optional<String> firstLine(String path) {
        try {
            FileSystem fs = fileSystem(path);
            Path p = new Path(path);
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
            try (InputStream raw = fs.open(p);
                 InputStream in = codec == null ? raw : codec.createInputStream(raw);
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return Optional.ofNullable(r.readLine());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The data files at a location: the file itself, or every file below a folder (recursively),
     * skipping hidden names ({@code _*}, {@code .*}) as Spark and Hive do. Sorted by path.
     */
    public List<FileStatus> listDataFiles(String location) {
        try {
            FileSystem fs = fileSystem(location);
            Path root = new Path(location);
            if (!fs.exists(root)) {
                return List.of();
            }
            FileStatus st = fs.getFileStatus(root);
            if (st.isFile()) {
                return List.of(st);
            }
            List<FileStatus> out = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            URI rootUri = st.getPath().toUri();
            while (it.hasNext()) {
                LocatedFileStatus f = it.next();
                if (!isHidden(rootUri, f.getPath())) {
                    out.add(f);
                }
            }
            out.sort(Comparator.comparing(f -> f.getPath().toString()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + location + ": " + e.getMessage(), e);
        }
    }

    private static boolean isHidden(URI root, Path file) {
        String rel = root.relativize(file.toUri()).getPath();
        for (String part : rel.split("/")) {
            if (part.startsWith("_") || part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The path of {@code file} relative to {@code root} (the file name when root is the file itself). */
    public static String relativePath(String root, Path file) {
        URI r = new Path(root).toUri();
        URI f = file.toUri();
        if (r.getPath().equals(f.getPath())) {
            return file.getName();
        }
        String rootPath = r.getPath().endsWith("/") ? r.getPath() : r.getPath() + "/";
        String fp = f.getPath();
        return fp.startsWith(rootPath) ? fp.substring(rootPath.length()) : file.getName();
    }

    /** Moves a file or folder; the destination's parent folder is created, the destination must not exist. */
    public void rename(String from, String to) {
        try {
            FileSystem fs = fileSystem(to);
            Path dst = new Path(to);
            if (dst.getParent() != null) {
                fs.mkdirs(dst.getParent());
            }
            if (!fs.rename(new Path(from), dst)) {
                throw new IOException("the file system refused the move (does " + to + " exist already?)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    public void mkdirs(String path) {
        try {
            if (!fileSystem(path).mkdirs(new Path(path))) {
                throw new IOException("mkdirs returned false");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + path + ": " + e.getMessage(), e);
        }
    }

    /** The direct children of a folder (files and folders), sorted by name; empty if it does not exist. */
    public List<FileStatus> list(String path) {
        try {
            FileSystem fs = fileSystem(path);
            Path p = new Path(path);
            if (!fs.exists(p)) {
                return List.of();
            }
            List<FileStatus> out = new ArrayList<>(List.of(fs.listStatus(p)));
            out.sort(Comparator.comparing(f -> f.getPath().getName()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    /** Last modification time of a file or folder (ms since the epoch), or empty if it does not exist. */
    public Optional<Long> modificationTime(String path) {
        try {
            FileSystem fs = fileSystem(path);
            Path p = new Path(path);
            return fs.exists(p) ? Optional.of(fs.getFileStatus(p).getModificationTime()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the status of " + path + ": " + e.getMessage(), e);
        }
    }

    public void deleteRecursively(String path) {
        try {
            fileSystem(path).delete(new Path(path), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    /** Names of the direct sub-folders of a folder (empty if it does not exist). */
    public List<String> listFolders(String path) {
        try {
            FileSystem fs = fileSystem(path);
            Path p = new Path(path);
            if (!fs.exists(p)) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (FileStatus s : fs.listStatus(p)) {
                if (s.isDirectory()) {
                    out.add(s.getPath().getName());
                }
            }
            out.sort(Comparator.naturalOrder());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }
}
