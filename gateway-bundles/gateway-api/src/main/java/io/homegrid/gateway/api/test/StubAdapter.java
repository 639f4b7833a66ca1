package io.homegrid.gateway.api.test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.homegrid.gateway.api.ProtocolAdapter;

/**
 * A radio that reaches the given devices and answers every switch with the given future; counts
 * discoveries and keeps the battery setpoints it was asked for.
 */
public final class StubAdapter implements ProtocolAdapter {

    private final Set<String> devices;
    private final CompletableFuture<Boolean> answer;
    private final AtomicInteger discoveries = new AtomicInteger();
    private final List<Double> setpoints = new CopyOnWriteArrayList<>();

    private StubAdapter(Set<String> devices, CompletableFuture<Boolean> answer) {
        this.devices = Set.copyOf(devices);
        this.answer = answer;
    }

    /** Confirms every switch with the state asked for. */
    public static StubAdapter confirming(String... devices) {
        return new StubAdapter(Set.of(devices), null);
    }

    /** Answers every switch with this future. */
    public static StubAdapter answering(CompletableFuture<Boolean> answer, String... devices) {
        return new StubAdapter(Set.of(devices), answer);
    }

    public int discoveries() {
        return discoveries.get();
    }

    /** The battery setpoints asked for, each confirmed as asked, in order. */
    public List<Double> setpoints() {
        return List.copyOf(setpoints);
    }

    @Override
    public CompletableFuture<Double> setBatteryPower(String device, double watts) {
        setpoints.add(watts);
        return CompletableFuture.completedFuture(watts);
    }

    @Override
    public String protocol() {
        return "stub";
    }

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public boolean reaches(String device) {
        return devices.contains(device);
    }

    @Override
    public CompletableFuture<Boolean> setRelay(String device, boolean on) {
        return answer == null ? CompletableFuture.completedFuture(on) : answer;
    }

    @Override
    public void discover() {
        discoveries.incrementAndGet();
    }
}
