package dev.bankml.training.candidates;

import java.util.concurrent.Executor;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed number of worker threads taking tasks by priority (the highest first, then in the order they
 * came): an algorithm's refit and evaluation go before trials still waiting, so a model that has finished
 * its trials is finished while the other threads keep trying settings, and no long refit is left alone
 * at the end of the run with a core idle beside it.
 */
final class WorkQueue implements AutoCloseable {
    private final PriorityBlockingQueue<Item> queue = new PriorityBlockingQueue<>();
    private final AtomicLong arrivals = new AtomicLong();
    private final Thread[] workers;
    private volatile boolean closed;

    private record Item(int priority, long arrival, Runnable task) implements Comparable<Item> {
        @Override
        public int compareTo(Item o) {
            return priority != o.priority ? Integer.compare(o.priority, priority) : Long.compare(arrival, o.arrival);
        }
    }

    WorkQueue(int threads, String name) {
        workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(this::work, name + "-" + i);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /** Runs what it is given at this priority. */
    Executor at(int priority) {
        return task -> {
            if (closed) {
                throw new IllegalStateException("the work queue is closed");
            }
            queue.add(new Item(priority, arrivals.getAndIncrement(), task));
        };
    }

    private void work() {
        while (!closed) {
            try {
                Item item = queue.poll(100, TimeUnit.MILLISECONDS);
                if (item != null) {
                    item.task().run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        for (Thread w : workers) {
            w.interrupt();
        }
    }
}
