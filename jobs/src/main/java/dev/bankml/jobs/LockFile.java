package dev.bankml.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The file of a {@link WarehouseLock}. On a local disk it is handled with {@code java.nio} so that taking
 * it is atomic (a complete file hard-linked into place, which fails if the lock exists) and moving a stale
 * one aside cannot be done twice; elsewhere (S3A) through Hadoop, where creating is a check then a put.
 */
abstract class LockFile {
    private final String location;

    LockFile(String location) {
        this.location = location;
    }

    static LockFile of(Storage storage, String location) {
        return location.startsWith("file:") ? new Local(location) : new Hadoop(storage, location);
    }

    String location() {
        return location;
    }

    /** Creates the lock with this content unless it exists; whether this call created it. */
    abstract boolean create(String json);

    abstract Optional<String> read();

    abstract Optional<Long> modifiedAt();

    /** Rewrites the lock's content (a heartbeat). */
    abstract void overwrite(String json);

    abstract void delete();

    /** Moves the lock aside; false when it was not there to move (another run moved it first). */
    abstract boolean moveTo(String aside);

    /**
     * Removes a stale lock whose content was {@code seen}, unless another run replaced it meanwhile: it is
     * moved aside first (only one run can), and put back if what was moved is not what was judged stale.
     */
    void takeOver(String seen, String runId) {
        String aside = location + ".stale-" + runId;
        if (!moveTo(aside)) {
            return;
        }
        Optional<String> moved = readAt(aside);
        if (moved.isPresent() && !moved.get().equals(seen)) {
            restore(aside);
        } else {
            deleteAt(aside);
        }
    }

    abstract Optional<String> readAt(String path);

    abstract void deleteAt(String path);

    /** Puts a lock moved aside by mistake back, unless a new one exists by now. */
    abstract void restore(String aside);

    /** A lock on a local disk. */
    private static final class Local extends LockFile {
        private final Path path;
        /** Whether taking the lock created its folder: releasing it then removes the folder if empty. */
        private boolean createdFolder;

        Local(String location) {
            super(location);
            this.path = Path.of(URI.create(location));
        }

        @Override
        boolean create(String json) {
            Path tmp = path.resolveSibling(path.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + System.nanoTime() + ".tmp");
            try {
                createdFolder |= !Files.isDirectory(path.getParent());
                Files.createDirectories(path.getParent());
                Files.writeString(tmp, json);
                Files.createLink(path, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot take the warehouse lock " + path + ": " + e.getMessage(), e);
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a temporary file left beside the lock is harmless
                }
            }
        }

        @Override
        Optional<String> read() {
            return readAt(location());
        }

        @Override
        Optional<String> readAt(String at) {
            try {
                return Optional.of(Files.readString(Path.of(URI.create(at)), StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the warehouse lock " + at + ": " + e.getMessage(), e);
            }
        }

        @Override
        Optional<Long> modifiedAt() {
            try {
                return Optional.of(Files.getLastModifiedTime(path).toMillis());
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        void overwrite(String json) {
            Path tmp = path.resolveSibling(path.getFileName() + ".beat.tmp");
            try {
                Files.writeString(tmp, json);
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot renew the warehouse lock " + path + ": " + e.getMessage(), e);
            }
        }

        @Override
        void delete() {
            deleteAt(location());
            if (createdFolder) {
                try (var left = Files.list(path.getParent())) {
                    if (left.findAny().isEmpty()) {
                        Files.deleteIfExists(path.getParent());
                    }
                } catch (IOException e) {
                    // an empty ledger folder left behind is harmless
                }
            }
        }

        @Override
        void deleteAt(String at) {
            try {
                Files.deleteIfExists(Path.of(URI.create(at)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + at + ": " + e.getMessage(), e);
            }
        }

        @Override
        boolean moveTo(String aside) {
            try {
                Files.move(path, Path.of(URI.create(aside)), StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (NoSuchFileException e) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move the stale lock " + path + " aside: " + e.getMessage(), e);
            }
        }

        @Override
        void restore(String aside) {
            try {
                Files.createLink(path, Path.of(URI.create(aside)));
            } catch (FileAlreadyExistsException e) {
                // a new lock is there already
            } catch (IOException e) {
                throw new UncheckedIOException("cannot put the lock " + aside + " back: " + e.getMessage(), e);
            }
            deleteAt(aside);
        }
    }

    /** A lock on a Hadoop file system (S3A): creating it is a check then a put. */
    private static final class Hadoop extends LockFile {
        private final Storage storage;

        Hadoop(Storage storage, String location) {
            super(location);
            this.storage = storage;
        }

        @Override
        boolean create(String json) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location());
            try (OutputStream out = storage.fileSystem(location()).create(p, false)) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
                return true;
            } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
                return false;
            } catch (IOException e) {
                if (storage.exists(location())) {
                    return false;
                }
                throw new UncheckedIOException("cannot take the warehouse lock " + location() + ": " + e.getMessage(), e);
            }
        }

        @Override
        Optional<String> read() {
            return storage.readString(location());
        }

        @Override
        Optional<String> readAt(String at) {
            return storage.readString(at);
        }

        @Override
        Optional<Long> modifiedAt() {
            return storage.modificationTime(location());
        }

        @Override
        void overwrite(String json) {
            storage.writeString(location(), json);
        }

        @Override
        void delete() {
            deleteAt(location());
        }

        @Override
        void deleteAt(String at) {
            storage.deleteRecursively(at);
        }

        @Override
        boolean moveTo(String aside) {
            if (!storage.exists(location())) {
                return false;
            }
            storage.rename(location(), aside);
            return true;
        }

        @Override
        void restore(String aside) {
            if (!storage.exists(location())) {
                storage.rename(aside, location());
            } else {
                deleteAt(aside);
            }
        }
    }
}
