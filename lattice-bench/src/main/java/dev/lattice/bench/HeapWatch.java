package dev.lattice.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap use while one scenario runs in this JVM, from the JVM's own GC notifications (the same numbers a GC log
 * prints): the largest heap occupancy right after a collection ("live", an upper bound: a young collection leaves
 * old garbage in place) and the largest occupancy just before one (peak use), plus the heap pools' peak usage.
 */
final class HeapWatch implements NotificationListener {
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final Set<String> heapPools;
  private volatile long maxAfter;
  private volatile long maxBefore;
  private volatile int collections;

  HeapWatch() {
    heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  }

  /** Heap in use after two full collections: what the program holds. */
  static long liveNow() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  HeapWatch start() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(this, null, null);
        emitters.add(emitter);
      }
    }
    return this;
  }

  /** Stops watching; returns MiB: maxAfterGc, maxBeforeGc, poolPeak, collections. */
  Map<String, Object> stop() {
    try {
      Thread.sleep(50); // notifications are delivered on their own thread
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(this);
      } catch (Exception ignored) {
        // already gone
      }
    }
    long poolPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        poolPeak += pool.getPeakUsage().getUsed();
      }
    }
    return Map.of("maxAfterGcMiB", mib(maxAfter), "maxBeforeGcMiB", mib(maxBefore), "poolPeakMiB", mib(poolPeak),
        "collections", collections);
  }

  static double mib(long bytes) {
    return Math.round(bytes / 1048576.0 * 10) / 10.0;
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long after = sum(info.getGcInfo().getMemoryUsageAfterGc());
    long before = sum(info.getGcInfo().getMemoryUsageBeforeGc());
    synchronized (this) {
      collections++;
      maxAfter = Math.max(maxAfter, after);
      maxBefore = Math.max(maxBefore, before);
    }
  }

  private long sum(Map<String, MemoryUsage> usage) {
    long total = 0;
    for (Map.Entry<String, MemoryUsage> e : usage.entrySet()) {
      if (heapPools.contains(e.getKey())) {
        total += e.getValue().getUsed();
      }
    }
    return total;
  }
}
