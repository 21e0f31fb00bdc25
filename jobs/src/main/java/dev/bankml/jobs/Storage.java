package dev.bankml.jobs;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
            String abs = new File(p).getAbsoluteFile().toURI().toString();
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

    /** One file-system call; its {@link IOException} becomes an unchecked one naming what failed. */
    @FunctionalInterface
    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> T io(String failure, IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(failure + ": " + e.getMessage(), e);
        }
    }

    /**
     * The result of a call on a path that may not exist, or empty if it does not: one request to the
     * store instead of an {@code exists} check before the call (on S3 each is a round trip).
     */
    private static <T> Optional<T> ifExists(IoCall<T> call) throws IOException {
        try {
            return Optional.of(call.call());
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    public boolean exists(String path) {
        return io("cannot check " + path, () -> fileSystem(path).exists(new Path(path)));
    }

    /** Writes a small text file (UTF-8), replacing any previous content. */
    public void writeString(String path, String content) {
        io("cannot write " + path, () -> {
            try (OutputStream out = fileSystem(path).create(new Path(path), true)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            return null;
        });
    }

    /**
     * Replaces a small text file (UTF-8) so that a reader, or a crash, sees the old content or the new,
     * never a part: on S3 one PUT is atomic; on a disk the new content is written beside the file and
     * moved over it (an atomic rename), and the file's old checksum is removed first (the new file has
     * none, and a stale one would fail the read).
     */
    public void replaceAtomically(String path, String content) {
        if (!"file".equals(fileSystem(path).getUri().getScheme())) {
            writeString(path, content);
            return;
        }
        io("cannot replace " + path, () -> {
            java.nio.file.Path target = java.nio.file.Path.of(new Path(path).toUri().getPath());
            java.nio.file.Files.createDirectories(target.getParent());
            java.nio.file.Path temp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
            java.nio.file.Files.writeString(temp, content, StandardCharsets.UTF_8);
            java.nio.file.Files.deleteIfExists(target.resolveSibling("." + target.getFileName() + ".crc"));
            java.nio.file.Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return null;
        });
    }

    /** The content of a small text file, or empty if it does not exist. */
    public Optional<String> readString(String path) {
        return readBytes(path).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Writes a small binary file, replacing any previous content. */
    public void writeBytes(String path, byte[] content) {
        io("cannot write " + path, () -> {
            try (OutputStream out = fileSystem(path).create(new Path(path), true)) {
                out.write(content);
            }
            return null;
        });
    }

    /** The bytes of a small file, or empty if it does not exist. */
    public Optional<byte[]> readBytes(String path) {
        return io("cannot read " + path, () -> ifExists(() -> {
            try (InputStream in = fileSystem(path).open(new Path(path))) {
                return in.readAllBytes();
            }
        }));
    }

    /** The size of a file in bytes, or empty if it does not exist. */
    public Optional<Long> length(String path) {
        return io("cannot read the status of " + path,
                () -> ifExists(() -> fileSystem(path).getFileStatus(new Path(path)).getLen()));
    }

    /**
     * Moves a file over another: the destination, if it exists, is deleted just before the move. With a
     * file written whole beside it first, a reader never sees part of the new content (on S3 a move is a
     * copy of a complete object); for a moment there may be no file at all.
     */
    public void replace(String from, String to) {
        io("cannot replace " + to + " with " + from, () -> {
            FileSystem fs = fileSystem(to);
            Path dst = new Path(to);
            if (fs.exists(dst)) {
                fs.delete(dst, false);
            }
            if (!fs.rename(new Path(from), dst)) {
                throw new IOException("the file system refused the move");
            }
            return null;
        });
    }

    /**
     * The first line of a text file (decompressed if its extension names a codec), or empty for an
     * empty file. Line breaks CR, LF and CRLF are all recognised, as Hadoop's line reader does.
     */
    public Optional<String> firstLine(String path) {
        return io("cannot read " + path, () -> {
            Path p = new Path(path);
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
            try (InputStream raw = fileSystem(path).open(p);
                 InputStream in = codec == null ? raw : codec.createInputStream(raw);
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return Optional.ofNullable(r.readLine());
            }
        });
    }

    /**
     * The data files at a location: the file itself, or every file below a folder (recursively),
     * skipping hidden names ({@code _*}, {@code .*}) as Spark and Hive do. Sorted by path.
     */
    public List<FileStatus> listDataFiles(String location) {
        return io("cannot list " + location, () -> {
            FileSystem fs = fileSystem(location);
            Optional<FileStatus> root = ifExists(() -> fs.getFileStatus(new Path(location)));
            if (root.isEmpty()) {
                return List.of();
            }
            if (root.get().isFile()) {
                return List.of(root.get());
            }
            List<FileStatus> out = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root.get().getPath(), true);
            URI rootUri = root.get().getPath().toUri();
            while (it.hasNext()) {
                LocatedFileStatus f = it.next();
                if (!isHidden(rootUri, f.getPath())) {
                    out.add(f);
                }
            }
            out.sort(Comparator.comparing(f -> f.getPath().toString()));
            return out;
        });
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
        io("cannot move " + from + " to " + to, () -> {
            FileSystem fs = fileSystem(to);
            Path dst = new Path(to);
            if (dst.getParent() != null) {
                fs.mkdirs(dst.getParent());
            }
            if (!fs.rename(new Path(from), dst)) {
                throw new IOException("the file system refused the move (does " + to + " exist already?)");
            }
            return null;
        });
    }

    public void mkdirs(String path) {
        io("cannot create the folder " + path, () -> {
            if (!fileSystem(path).mkdirs(new Path(path))) {
                throw new IOException("mkdirs returned false");
            }
            return null;
        });
    }

    /** The direct children of a folder (files and folders), sorted by name; empty if it does not exist. */
    public List<FileStatus> list(String path) {
        return io("cannot list " + path, () -> {
            List<FileStatus> out = new ArrayList<>(
                    ifExists(() -> List.of(fileSystem(path).listStatus(new Path(path)))).orElse(List.of()));
            out.sort(Comparator.comparing(f -> f.getPath().getName()));
            return out;
        });
    }

    /** Last modification time of a file or folder (ms since the epoch), or empty if it does not exist. */
    public Optional<Long> modificationTime(String path) {
        return io("cannot read the status of " + path,
                () -> ifExists(() -> fileSystem(path).getFileStatus(new Path(path)).getModificationTime()));
    }

    public void deleteRecursively(String path) {
        io("cannot delete " + path, () -> fileSystem(path).delete(new Path(path), true));
    }

    /** Whether no file is below a folder, at any depth (true when it does not exist). */
    public boolean holdsNoFile(String folder) {
        return io("cannot list " + folder, () -> ifExists(() -> !fileSystem(folder).listFiles(new Path(folder), true)
                .hasNext()).orElse(true));
    }

    /** Names of the direct sub-folders of a folder (empty if it does not exist). */
    public List<String> listFolders(String path) {
        return list(path).stream().filter(FileStatus::isDirectory).map(s -> s.getPath().getName()).toList();
    }
}
