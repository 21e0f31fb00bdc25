package dev.bankml.jobs;

import java.io.IOException;
import java.net.InetAddress;

/**
 * The process a run lives in, as leases and locks name it: its host and pid. A holder named by a lease
 * or a lock that ran on this host and whose process is gone is dead for sure, whatever its heartbeat.
 */
public final class ThisProcess {
    private static final String HOST = hostName();

    private ThisProcess() {
    }

    public static String host() {
        return HOST;
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /** Whether a process named by host and pid is known to be gone: it ran here and is no more. */
    public static boolean gone(String host, long pid) {
        return HOST.equals(host) && ProcessHandle.of(pid).isEmpty();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
